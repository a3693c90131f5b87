import { expect, expectProblems, test } from "./fixtures";
import { SIM_URL, createChargeViaApi, listAllViaApi, simCharges, simulate, unique, uniqueEmail, uniquePhone } from "./helpers";
import { TEXT } from "./text";

test("@main the customer pays at the simulator's page and staff see it paid without reloading", async ({ page, context, t }) => {
  const name = unique("シハライ");
  const charge = await createChargeViaApi(page, { customerName: name, amount: 3200 });
  await page.goto(`/charges?q=${encodeURIComponent(name)}`);
  const row = page.locator(`[data-testid="charge-row"][data-charge-id="${charge.id}"]`);
  await expect(row.getByTestId("status-badge")).toHaveText(t.pending);
  // Survives only while this document lives: a reload or a navigation would drop it.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  const customer = await context.newPage();
  await customer.goto(charge.authorizeUri);
  await expect(customer.getByText("¥3,200").first()).toBeVisible();
  await customer.getByRole("button", { name: t.simPay }).click();
  await expect(customer.getByText(t.simPaid).first()).toBeVisible();
  await customer.close();

  await expect(row.getByTestId("status-badge")).toHaveText(t.paid, { timeout: 20_000 });
  expect(await page.evaluate(() => "__sameDocument" in window)).toBe(true);
  expect((await listAllViaApi(page.request, { q: name }))[0]).toMatchObject({ status: "successful", paidAt: expect.any(String) });

  await row.getByRole("link").first().click();
  await expect(page.getByTestId("charge-detail")).toHaveAttribute("data-status", "successful");
  await expect(page.getByTestId("timeline")).toContainText(t.paidTransition);
});

test("@main a failed payment shows its reason in plain language and the raw code", async ({ page, context, t, lang }) => {
  const charge = await createChargeViaApi(page, { customerName: unique("シッパイ") });
  await page.goto(`/charges/${charge.id}`);
  await expect(page.getByTestId("status-badge")).toHaveText(t.pending);
  const customer = await context.newPage();
  await customer.goto(charge.authorizeUri);
  await customer.locator('select[name="failure_code"]').selectOption("payment_cancelled");
  await customer.getByRole("button", { name: t.simFail }).click();
  await expect(customer.getByText(t.simFailed).first()).toBeVisible();
  await customer.close();
  await expect(page.getByTestId("status-badge")).toHaveText(t.failed, { timeout: 20_000 });
  await expect(page.getByTestId("failure-reason")).toContainText(t.cancelledReason);
  await expect(page.getByTestId("failure-code")).toContainText("payment_cancelled");

  // The same page in the other language, and back.
  const other = TEXT[lang === "ja" ? "en" : "ja"];
  await page.getByTestId("locale-switch").click();
  await expect(page.getByTestId("status-badge")).toHaveText(other.failed);
  await expect(page.getByTestId("failure-reason")).toContainText(other.cancelledReason);
  await page.getByTestId("locale-switch").click();
  await expect(page.getByTestId("status-badge")).toHaveText(t.failed);
});

test("@main expire now asks first, then expires the charge and records who did it", async ({ page, t }) => {
  const charge = await createChargeViaApi(page, { customerName: unique("キャンセ") });
  await page.goto(`/charges/${charge.id}`);
  await page.getByTestId("expire-now").click();
  await expect(page.getByTestId("expire-dialog")).toBeVisible();
  await page.getByTestId("expire-cancel").click();
  await expect(page.getByTestId("expire-dialog")).toHaveCount(0);
  await expect(page.getByTestId("status-badge")).toHaveText(t.pending);
  expect((await listAllViaApi(page.request, { q: charge.id }))[0]?.status).toBe("pending");

  await page.getByTestId("expire-now").click();
  await page.getByTestId("expire-confirm").click();
  await expect(page.getByTestId("status-badge")).toHaveText(t.expired);
  await expect(page.getByTestId("expire-now")).toHaveCount(0);
  await expect(page.getByTestId("timeline")).toContainText(t.expireRequested);
  expect((await listAllViaApi(page.request, { q: charge.id }))[0]).toMatchObject({ status: "expired", expiredAt: expect.any(String) });
});

test("when Omise's webhook never comes, Sync now fetches the payment", async ({ page, t }) => {
  const charge = await createChargeViaApi(page, { customerName: unique("ドウキ") });
  await page.goto(`/charges/${charge.id}`);
  await expect(page.getByTestId("status-badge")).toHaveText(t.pending);
  // Omise does not promise to retry a lost delivery: drop this one.
  await page.request.post(`${SIM_URL}/_sim/faults`, { data: { webhooks: { mode: "drop" } } });
  try {
    await simulate(page.request, charge.id, "mark_as_paid");
  } finally {
    await page.request.delete(`${SIM_URL}/_sim/faults`);
  }
  // The page polls the app, which has heard nothing: still pending.
  await page.waitForTimeout(6_000);
  await expect(page.getByTestId("status-badge")).toHaveText(t.pending);
  await page.getByTestId("sync-now").click();
  await expect(page.getByText(t.synced)).toBeVisible();
  await expect(page.getByTestId("status-badge")).toHaveText(t.paid);
  await expect(page.getByTestId("charge-detail")).toHaveAttribute("data-status", "successful");
  expect((await listAllViaApi(page.request, { q: charge.id }))[0]?.status).toBe("successful");
});

test("an unknown address answers 404, and an unknown charge shows its not-found message", async ({ page }) => {
  expectProblems(page, [/HTTP 404: GET \S+\/charges\/nosuch\/page \(document\)/, /HTTP 404: GET \S+\/charges\/chrg_test_nosuchcharge \(document\)/]);
  const res = await page.goto("/charges/nosuch/page");
  expect(res?.status()).toBe(404);
  // A real 404 too: the detail page has no loading boundary, so nothing is sent before the lookup fails.
  expect((await page.goto("/charges/chrg_test_nosuchcharge"))?.status()).toBe(404);
  await expect(page.getByText("請求が見つかりません。")).toBeVisible();
});

test("a charge whose deadline passes shows as expired in the list", async ({ page, t }) => {
  const name = unique("キゲン");
  const charge = await createChargeViaApi(page, { customerName: name });
  await page.goto(`/charges?q=${encodeURIComponent(name)}`);
  const badge = page.locator(`[data-charge-id="${charge.id}"]`).getByTestId("status-badge");
  await expect(badge).toHaveText(t.pending);
  // Move the simulator's clock past the deadline; it fires charge.expire webhooks.
  const moved = await page.request.post(`${SIM_URL}/_sim/clock`, { data: { advance_seconds: 8 * 86400 } });
  expect(((await moved.json()) as { expired: string[] }).expired).toContain(charge.id);
  try {
    await expect(badge).toHaveText(t.expired, { timeout: 20_000 });
    await page.getByTestId("status-tab-expired").click();
    await expect(page.locator(`[data-charge-id="${charge.id}"]`)).toBeVisible();
  } finally {
    await page.request.post(`${SIM_URL}/_sim/clock`, { data: { advance_seconds: -8 * 86400 } });
  }
});

test("when Omise's answer is lost, the form says it is checking and ends with one charge", async ({ page, t }) => {
  const name = unique("ロスト");
  await page.goto("/charges/new");
  await page.getByLabel(t.customerName).fill(name);
  // A fresh customer: a second pending charge for the same one and amount would be held as a duplicate.
  await page.getByLabel(t.email).fill(uniqueEmail("lost"));
  await page.getByLabel(t.phone).fill(uniquePhone());
  await page.getByLabel(t.amount).fill("1500");
  // The charge is made but the reply is lost, and the first look-ups fail too.
  await page.request.post(`${SIM_URL}/_sim/faults`, {
    data: {
      api: [
        { method: "POST", path: "^/charges$", action: "lose_reply", times: 1 },
        { method: "GET", path: "^/charges$", action: "error_503", times: 3 },
      ],
    },
  });
  try {
    // The form's own POST is answered 409 while the server is still finding out.
    expectProblems(page, [/HTTP 409: POST \S+\/api\/charges \(fetch\)/]);
    await page.getByTestId("submit-charge").click();
    await expect(page.getByTestId("checking-with-omise")).toContainText("Omise に確認中です");
    await expect(page.getByTestId("charge-created")).toBeVisible({ timeout: 30_000 });
  } finally {
    await page.request.delete(`${SIM_URL}/_sim/faults`);
  }
  expect(await listAllViaApi(page.request, { q: name })).toHaveLength(1);
  expect((await simCharges(page.request)).filter((c) => c.source?.name === name)).toHaveLength(1);
});
