import { expect, expectProblems, test } from "./fixtures";
import { appOrigin, signIn, uniqueEmail } from "./helpers";

test("@main an admin adds a staff member, who signs in; disabling them ends their session at once", async ({ page, newContext, t }) => {
  const email = uniqueEmail("staff");
  await page.goto("/users");
  const form = page.getByTestId("add-user-form");
  await form.getByLabel(t.usersName).fill("新人 スタッフ");
  await form.getByLabel(t.usersEmail).fill(email);
  await form.getByLabel(t.usersPassword).fill("short");
  // The server checks the password; its 422 is the answer the form shows.
  expectProblems(page, [/HTTP 422: POST \S+\/api\/users \(fetch\)/]);
  await page.getByTestId("add-user-submit").click();
  await expect(form).toContainText(t.passwordTooShort);
  await form.getByLabel(t.usersPassword).fill("a-long-enough-password");
  await page.getByTestId("add-user-submit").click();
  const row = page.locator(`[data-testid="user-row"][data-user-email="${email}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("user-status")).toHaveText(t.active);
  await expect(row.getByTestId("user-role")).toHaveValue("staff");

  const staffPage = await (await newContext()).newPage();
  await signIn(staffPage, t, email, "a-long-enough-password");
  await expect(staffPage.getByTestId("current-user")).toContainText("新人 スタッフ");
  await staffPage.goto("/charges/new");
  await expect(staffPage.locator('input[name="amount"]')).toBeVisible();

  await row.getByTestId("user-toggle").click();
  // Disabling needs the admin's own password (re-authentication).
  await page.locator("#reauth-password").fill("e2e-admin-password");
  await page.getByTestId("disable-dialog-confirm").click();
  await expect(row.getByTestId("user-status")).toHaveText(t.disabled);
  await staffPage.goto("/charges");
  await expect(staffPage).toHaveURL(/\/login/);
  expect((await staffPage.request.get("/api/charges")).status()).toBe(401);

  // The disabled person cannot sign in again.
  expectProblems(staffPage, [/401/]);
  await staffPage.getByLabel(t.loginEmail).fill(email);
  await staffPage.getByLabel(t.loginPassword).fill("a-long-enough-password");
  await staffPage.getByRole("button", { name: t.loginSubmit }).click();
  await expect(staffPage.getByRole("alert").filter({ hasText: t.accountDisabled })).toBeVisible();
  await expect(staffPage).toHaveURL(/\/login/);
  const users = (await (await page.request.get("/api/users")).json()) as { data: { email: string; disabled: boolean; role: string }[] };
  expect(users.data.find((u) => u.email === email)).toMatchObject({ disabled: true, role: "staff" });
});

test("an admin changes a staff member's role: their session ends, and they come back with the new rights", async ({ page, newContext, t }) => {
  const email = uniqueEmail("role");
  const created = await page.request.post("/api/users", {
    headers: { Origin: appOrigin() },
    data: { name: "ヤクワリ", email, password: "a-long-enough-password", role: "staff" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const person = await (await newContext()).newPage();
  await signIn(person, t, email, "a-long-enough-password");
  await person.goto("/charges/new");
  await expect(person.locator('input[name="amount"]')).toBeVisible();

  await page.goto("/users");
  const row = page.locator(`[data-testid="user-row"][data-user-email="${email}"]`);
  await row.getByTestId("user-role").selectOption("viewer");
  // A role change asks first, with the admin's own password; a wrong one changes nothing.
  const dialog = page.getByTestId("role-dialog");
  await expect(dialog).toBeVisible();
  expectProblems(page, [/HTTP 403: PATCH \S+\/api\/users\/\S+ \(fetch\)/]);
  await page.locator("#reauth-password").fill("not-the-admin-password");
  await page.getByTestId("role-dialog-confirm").click();
  await expect(page.getByTestId("error-reauth-password")).toHaveText(t.reauthFailed);
  await expect(row.getByTestId("user-role")).toHaveValue("staff");
  await page.locator("#reauth-password").fill("e2e-admin-password");
  await page.getByTestId("role-dialog-confirm").click();
  await expect(dialog).toHaveCount(0);
  await expect(row.getByTestId("user-role")).toHaveValue("viewer");
  await person.goto("/charges/new");
  await expect(person).toHaveURL(/\/login/);
  await signIn(person, t, email, "a-long-enough-password");
  await person.goto("/charges/new");
  await expect(person.getByTestId("viewer-cannot")).toHaveText(t.viewerCannot);
});
