import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createChargeViaApi, unique } from "./helpers";

const PASSWORD = "a-long-enough-password";

async function addUser(page: Page, name: string) {
  await page.goto("/users");
  const email = `${unique("u").toLowerCase()}@example.jp`;
  const origin = new URL(page.url()).origin;
  const res = await page.request.post("/api/users", { headers: { Origin: origin }, data: { name, email, password: PASSWORD, role: "staff" } });
  expect(res.status(), await res.text()).toBe(201);
  await page.reload();
  return email;
}

async function tryLogin(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
}

test("disabling asks first and names the person; they are told at sign-in, but only with the right password", async ({ page, browser }) => {
  const name = unique("確認 ");
  const email = await addUser(page, name);
  const row = page.locator(`[data-testid="user-row"][data-user-email="${email}"]`);
  const dialog = page.getByTestId("disable-dialog");

  await row.getByTestId("user-toggle").click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute("role", "alertdialog");
  await expect(dialog).toContainText(name);
  await expect(dialog).toContainText(email);
  await expect(page.getByTestId("disable-dialog-cancel")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(row.getByTestId("user-toggle")).toBeFocused();
  await expect(row.getByTestId("user-status")).toHaveText("有効");

  await row.getByTestId("user-toggle").click();
  await page.locator("#reauth-password").fill("e2e-admin-password");
  await page.getByTestId("disable-dialog-confirm").click();
  await expect(dialog).toHaveCount(0);
  await expect(row.getByTestId("user-status")).toHaveText("無効");

  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const them = await other.newPage();
  await tryLogin(them, email, "not-their-password-1");
  await expect(them.locator("form").getByRole("alert")).toHaveText("メールアドレスまたはパスワードが正しくありません。");
  await tryLogin(them, email, PASSWORD);
  await expect(them.locator("form").getByRole("alert")).toHaveText("このアカウントは無効になっています。管理者に連絡してください。");
  await expect(them).toHaveURL(/\/login/);

  // Re-enabling is not destructive, so it needs no confirmation.
  await row.getByTestId("user-toggle").click();
  await expect(row.getByTestId("user-status")).toHaveText("有効");
  await expect(dialog).toHaveCount(0);
  await tryLogin(them, email, PASSWORD);
  await expect(them.getByTestId("current-user")).toContainText(name);
  await other.close();
});

test("a field in error keeps its red border when focused", async ({ page }) => {
  await page.goto("/charges/new");
  const amount = page.getByLabel("金額（円）");
  const border = () => amount.evaluate((el) => getComputedStyle(el).borderTopColor);
  await amount.focus();
  const validFocused = await border();
  await amount.fill("100");
  await amount.blur();
  await expect(page.getByTestId("error-amount")).toBeVisible();
  const errorBlurred = await border();
  await amount.focus();
  expect(await border()).toBe(errorBlurred);
  expect(await border()).not.toBe(validFocused);
});

test("an expired charge shows when it expired, in JST with the offset", async ({ page }) => {
  await page.goto("/charges");
  const charge = await createChargeViaApi(page, { customerName: unique("キゲン") });
  const origin = new URL(page.url()).origin;
  expect((await page.request.post(`/api/charges/${charge.id}/expire`, { headers: { Origin: origin }, data: {} })).status()).toBe(200);
  await page.goto(`/charges/${charge.id}`);
  await expect(page.getByTestId("detail-expired-at")).toHaveText(/^\d{4}\/\d{2}\/\d{2}\(.\) \d{2}:\d{2} JST \(UTC\+09:00\)$/);
  await expect(page.getByText("期限切れ日時")).toBeVisible();
});

test("the list polls once per change: the tabs follow without re-rendering the page on the server", async ({ page }) => {
  await page.goto("/charges?status=pending");
  const allCount = page.getByTestId("status-tab-all").getByTestId("status-tab-count");
  const before = Number(await allCount.textContent());
  const serverRenders: string[] = [];
  const polls: string[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    const headers = req.headers();
    // <Link> prefetches of the other tabs are not re-renders of this page; router.refresh() is.
    const render = headers["rsc"] === "1" || url.searchParams.has("_rsc");
    if (url.pathname === "/charges" && render && !headers["next-router-prefetch"]) serverRenders.push(`${req.url()} ${JSON.stringify(headers)}`);
    if (url.pathname === "/api/charges") polls.push(req.url());
  });
  const charge = await createChargeViaApi(page, { customerName: unique("ポル") });
  await expect(page.locator(`[data-testid="charge-row"][data-charge-id="${charge.id}"]`)).toBeVisible({ timeout: 20_000 });
  await expect(allCount).toHaveText(String(before + 1));
  expect(polls.length).toBeGreaterThan(0);
  expect(polls.every((u) => new URL(u).searchParams.get("counts") === "1")).toBe(true);
  expect(serverRenders).toEqual([]);
});

test("the overview chart keeps 30 days on a desktop", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto("/");
  await expect(page.getByTestId("overview-chart")).toHaveAttribute("data-days", "30");
});

/** Whether an input's placeholder is drawn in full (measured in the input's own font). */
async function placeholderFits(page: Page, selector: string) {
  // Measured once the streamed page has replaced its loading skeleton (until then the form sits
  // in a hidden container, 0 px wide) and the fonts have loaded.
  await expect(page.locator(selector)).toBeVisible();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.locator(selector).evaluate((el) => {
    const input = el as HTMLInputElement;
    const style = getComputedStyle(input);
    const ctx = document.createElement("canvas").getContext("2d");
    if (!ctx || !input.placeholder) return false;
    ctx.font = style.font;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return ctx.measureText(input.placeholder).width <= room;
  });
}

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  test("staff are cards: role, status and the button are on screen and badges stay on one line", async ({ page }) => {
    const email = await addUser(page, unique("カード "));
    const row = page.locator(`[data-testid="user-row"][data-user-email="${email}"]`);
    await row.scrollIntoViewIfNeeded();
    for (const id of ["user-role", "user-status", "user-toggle"]) {
      const control = row.getByTestId(id);
      await expect(control).toHaveCount(1);
      await expect(control).toBeInViewport({ ratio: 1 });
    }
    expect(await noSideways(page)).toBeLessThanOrEqual(390);
    const badge = await row.getByTestId("user-status").boundingBox();
    expect(badge?.height ?? 99).toBeLessThan(24);
  });

  test("all five status tabs are visible and the search placeholder fits", async ({ page }) => {
    await page.goto("/charges");
    for (const tab of ["pending", "successful", "expired", "failed", "all"]) {
      await expect(page.getByTestId(`status-tab-${tab}`)).toBeInViewport({ ratio: 1 });
    }
    expect(await noSideways(page)).toBeLessThanOrEqual(390);
    expect(await placeholderFits(page, 'input[name="q"]')).toBe(true);
  });

  test("the deadline field's placeholder is not cut off", async ({ page }) => {
    await page.goto("/charges/new");
    expect(await placeholderFits(page, 'input[name="expiresAt"]')).toBe(true);
    expect(await noSideways(page)).toBeLessThanOrEqual(390);
  });

  test("the overview chart shows the last 14 days with readable bars", async ({ page }) => {
    await page.goto("/");
    const chart = page.getByTestId("overview-chart");
    await expect(chart).toHaveAttribute("data-days", "14");
    await expect(page.getByRole("heading", { name: "過去14日の入金と期限切れ（件数）" })).toBeVisible();
    // The seed has a charge paid today, so there is at least one bar to measure.
    const bars = chart.locator(".recharts-bar-rectangle path");
    await expect(bars.first()).toBeVisible();
    const widths = await bars.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(6);
    expect(await noSideways(page)).toBeLessThanOrEqual(390);
  });
});
