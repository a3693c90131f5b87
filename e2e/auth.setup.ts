import { expect, test as setup } from "@playwright/test";

// Signs in once as the seeded admin and saves the session for the other specs.
setup("sign in as admin", async ({ page }) => {
  await page.goto("/charges");
  await expect(page).toHaveURL(/\/login\?from=%2Fcharges/);
  await page.getByLabel("メールアドレス").fill("admin@example.com");
  await page.getByLabel("パスワード").fill("wrong-password-123");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByText("メールアドレスまたはパスワードが正しくありません。")).toBeVisible();
  await page.getByLabel("パスワード").fill("e2e-admin-password");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/charges$/);
  await expect(page.getByTestId("current-user")).toContainText("管理者");
  await page.context().storageState({ path: "playwright/.auth/admin.json" });
});
