import { expect, expectProblems, test } from "./fixtures";

test("@main signing in: a wrong password is refused with a message, the right one opens the page asked for; signing out ends it", async ({ newContext, t }) => {
  const page = await (await newContext()).newPage();
  await page.goto("/charges?status=pending");
  await expect(page).toHaveURL(/\/login\?from=%2Fcharges%3Fstatus%3Dpending/);
  await page.getByLabel(t.loginEmail).fill("admin@example.com");
  await page.getByLabel(t.loginPassword).fill("wrong-password-123");
  // next-auth answers a refused sign-in with 401 to the form's fetch.
  expectProblems(page, [/401/]);
  await page.getByRole("button", { name: t.loginSubmit }).click();
  await expect(page.getByRole("alert").filter({ hasText: t.loginFailed })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel(t.loginPassword).fill("e2e-admin-password");
  await page.getByRole("button", { name: t.loginSubmit }).click();
  await expect(page).toHaveURL(/\/charges\?status=pending$/);
  await expect(page.getByTestId("current-user")).toContainText(t.roleAdmin);
  await expect(page.getByTestId("status-tab-pending")).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: t.signOut }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/charges");
  await expect(page).toHaveURL(/\/login\?from=%2Fcharges/);
  expect((await page.request.get("/api/charges")).status()).toBe(401);
});
