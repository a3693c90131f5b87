import { expect, test as setup } from "./fixtures";

// Signs in once as the seeded admin and saves the session for the other specs.
setup("sign in as admin", async ({ page, t }) => {
  await page.goto("/login");
  await page.getByLabel(t.loginEmail).fill("admin@example.com");
  await page.getByLabel(t.loginPassword).fill("e2e-admin-password");
  await page.getByRole("button", { name: t.loginSubmit }).click();
  await expect(page.getByTestId("current-user")).toContainText(t.roleAdmin);
  await page.context().storageState({ path: "playwright/.auth/admin.json" });
});
