import { expect, test } from "@playwright/test";
import { unique } from "./helpers";

test("an admin adds a staff member, who signs in; disabling them ends their session at once", async ({ page, browser }) => {
  const email = `${unique("staff").toLowerCase()}@example.jp`;
  await page.goto("/users");
  const form = page.getByTestId("add-user-form");
  await form.getByLabel("名前").fill("新人 スタッフ");
  await form.getByLabel("メールアドレス").fill(email);
  await form.getByLabel(/初期パスワード/).fill("short");
  await page.getByTestId("add-user-submit").click();
  await expect(form).toContainText("パスワードは12文字以上にしてください");
  await form.getByLabel(/初期パスワード/).fill("a-long-enough-password");
  await page.getByTestId("add-user-submit").click();
  const row = page.locator(`[data-testid="user-row"][data-user-email="${email}"]`);
  await expect(row).toBeVisible();

  const staff = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const staffPage = await staff.newPage();
  await staffPage.goto("/login");
  await staffPage.getByLabel("メールアドレス").fill(email);
  await staffPage.getByLabel("パスワード").fill("a-long-enough-password");
  await staffPage.getByRole("button", { name: "ログイン" }).click();
  await expect(staffPage.getByTestId("current-user")).toContainText("新人 スタッフ");
  await staffPage.goto("/charges/new");
  await expect(staffPage.locator('input[name="amount"]')).toBeVisible();

  await row.getByTestId("user-toggle").click();
  await page.getByTestId("disable-dialog-confirm").click();
  await expect(row.getByTestId("user-status")).toContainText("無効");
  await staffPage.goto("/charges");
  await expect(staffPage).toHaveURL(/\/login/);
  expect((await staffPage.request.get("/api/charges")).status()).toBe(401);
  await staff.close();
});

test("the overview shows what is waiting and what was paid, with the 30-day chart", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("stat-pending-amount")).toContainText("¥");
  await expect(page.getByTestId("stat-paid-today-amount")).toContainText("¥");
  await expect(page.getByTestId("overview-chart").locator("svg").first()).toBeVisible();
});

test("the Omise secret key never reaches the browser", async ({ page }) => {
  const secret = "skey_test_konbinidesk";
  const seen: string[] = [];
  page.on("response", async (res) => {
    const type = res.headers()["content-type"] ?? "";
    if (/html|javascript|json|text\/x-component/.test(type)) seen.push(await res.text().catch(() => ""));
  });
  for (const path of ["/", "/charges", "/charges/new", "/users"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(seen.length).toBeGreaterThan(10);
  expect(seen.filter((body) => body.includes(secret))).toEqual([]);
});

test("the health page shows webhook and reconciliation state", async ({ page }) => {
  await page.goto("/health");
  await expect(page.getByRole("heading", { name: "Webhook と照合の状況" })).toBeVisible();
  await expect(page.getByTestId("health-last-event")).toContainText("charge.");
  await expect(page.getByTestId("health-omise")).toHaveText("正常");
  await expect(page.getByTestId("health-unprocessed")).toHaveText(/^\d+$/);
});
