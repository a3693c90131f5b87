import { expect, test } from "@playwright/test";
import { createChargeViaApi, unique } from "./helpers";

test("staff take a phone order, hand over the link, and see it paid without reloading", async ({ page, context }) => {
  const name = unique("ヤマダ");
  await page.goto("/charges/new");
  await expect(page.getByRole("heading", { name: "電話注文の新規請求" })).toBeVisible();

  // Validation while typing, in Japanese.
  await page.getByLabel("金額（円）").fill("100");
  await page.getByLabel("金額（円）").blur();
  await expect(page.getByTestId("error-amount")).toHaveText("金額は150円から49,999円の間で入力してください");
  await page.getByLabel("金額（円）").fill("3200");
  await expect(page.getByTestId("error-amount")).toHaveCount(0);
  await page.getByLabel(/お客様のお名前/).fill(name);
  await page.getByLabel("メールアドレス").fill("yamada@example.jp");
  await page.getByLabel("電話番号").fill("090-1234-5678");
  await page.getByLabel("支払期限（任意）").fill("2099-01-01");
  await page.getByLabel("支払期限（任意）").blur();
  await expect(page.getByTestId("error-expiresAt")).toContainText("365日以内");
  await page.getByLabel("支払期限（任意）").fill("");
  await expect(page.getByTestId("deadline-preview")).toContainText(/お支払い期限: \d{4}\/\d{2}\/\d{2}\(.\) 23:59 JST \(UTC\+09:00\)/);

  // A double click still makes one charge.
  await page.getByTestId("submit-charge").dblclick();
  await expect(page.getByTestId("charge-created")).toBeVisible();
  const link = page.getByTestId("payment-link");
  const href = await link.getAttribute("href");
  expect(href).toMatch(/\/pay\/chrg_test_/);
  await expect(page.getByTestId("readback-amount")).toContainText("¥3,200");
  await expect(page.getByTestId("message-ja")).toContainText(href ?? "missing");
  await expect(page.getByTestId("message-en")).toContainText(href ?? "missing");
  await expect(page.getByTestId("payment-qr")).toBeVisible();
  const list = await page.request.get(`/api/charges?q=${encodeURIComponent(name)}`);
  const charges = ((await list.json()) as { data: { id: string; status: string }[] }).data;
  expect(charges).toHaveLength(1);
  const id = charges[0]?.id ?? "";

  // The list shows it pending; the customer pays at the simulator's page in another tab.
  await page.goto(`/charges?q=${encodeURIComponent(name)}`);
  const row = page.locator(`[data-testid="charge-row"][data-charge-id="${id}"]`);
  await expect(row.getByTestId("status-badge")).toHaveText("支払待ち");
  const customer = await context.newPage();
  await customer.goto(href ?? "");
  await expect(customer.getByText("¥3,200").first()).toBeVisible();
  await customer.getByRole("button", { name: "支払う (Pay)" }).click();
  await expect(customer.getByText("入金済み (Paid)").first()).toBeVisible();
  await customer.close();
  await expect(row.getByTestId("status-badge")).toHaveText("入金済み", { timeout: 20_000 });

  await row.getByRole("link").first().click();
  await expect(page.getByTestId("charge-detail")).toHaveAttribute("data-status", "successful");
  await expect(page.getByTestId("timeline")).toContainText("支払待ち → 入金済み");
});

test("a failed payment shows its reason in plain language and the raw code", async ({ page, context }) => {
  await page.goto("/charges");
  const charge = await createChargeViaApi(page, { customerName: unique("シッパイ") });
  await page.goto(`/charges/${charge.id}`);
  await expect(page.getByTestId("status-badge")).toHaveText("支払待ち");
  const customer = await context.newPage();
  await customer.goto(charge.authorizeUri);
  await customer.locator('select[name="failure_code"]').selectOption("payment_cancelled");
  await customer.getByRole("button", { name: "失敗させる (Fail)" }).click();
  await expect(customer.getByText(/失敗 \(Failed\)/).first()).toBeVisible();
  await customer.close();
  await expect(page.getByTestId("status-badge")).toHaveText("失敗", { timeout: 20_000 });
  await expect(page.getByTestId("failure-reason")).toContainText("お客様がお支払いを取り消しました");
  await expect(page.getByTestId("failure-code")).toContainText("payment_cancelled");

  // The same page in English.
  await page.getByTestId("locale-switch").click();
  await expect(page.getByTestId("status-badge")).toHaveText("Failed");
  await expect(page.getByTestId("failure-reason")).toContainText("The customer cancelled the payment.");
  await page.getByTestId("locale-switch").click();
  await expect(page.getByTestId("status-badge")).toHaveText("失敗");
});

test("expire now asks first, then expires the charge and records who did it", async ({ page }) => {
  await page.goto("/charges");
  const charge = await createChargeViaApi(page, { customerName: unique("キャンセル") });
  await page.goto(`/charges/${charge.id}`);
  await page.getByTestId("expire-now").click();
  await expect(page.getByTestId("expire-dialog")).toBeVisible();
  await page.getByTestId("expire-cancel").click();
  await expect(page.getByTestId("status-badge")).toHaveText("支払待ち");
  await page.getByTestId("expire-now").click();
  await page.getByTestId("expire-confirm").click();
  await expect(page.getByTestId("status-badge")).toHaveText("期限切れ");
  await expect(page.getByTestId("expire-now")).toHaveCount(0);
  await expect(page.getByTestId("timeline")).toContainText("期限切れにする操作");
});

test("a charge whose deadline passes shows as expired in the list", async ({ page }) => {
  await page.goto("/charges");
  const name = unique("キゲン");
  const charge = await createChargeViaApi(page, { customerName: name });
  await page.goto(`/charges?q=${encodeURIComponent(name)}`);
  const badge = page.locator(`[data-charge-id="${charge.id}"]`).getByTestId("status-badge");
  await expect(badge).toHaveText("支払待ち");
  const simUrl = new URL(charge.authorizeUri).origin;
  // Move the simulator's clock past the deadline; it fires charge.expire webhooks.
  const moved = await page.request.post(`${simUrl}/_sim/clock`, { data: { advance_seconds: 8 * 86400 } });
  expect(((await moved.json()) as { expired: string[] }).expired).toContain(charge.id);
  try {
    await expect(badge).toHaveText("期限切れ", { timeout: 20_000 });
    await page.getByTestId("status-tab-expired").click();
    await expect(page.locator(`[data-charge-id="${charge.id}"]`)).toBeVisible();
  } finally {
    await page.request.post(`${simUrl}/_sim/clock`, { data: { advance_seconds: -8 * 86400 } });
  }
});

test("when Omise's answer is lost, the form says it is checking and ends with one charge", async ({ page }) => {
  const simUrl = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4311}`;
  const name = unique("ロスト");
  await page.goto("/charges/new");
  await page.getByLabel(/お客様のお名前/).fill(name);
  await page.getByLabel("メールアドレス").fill("lost@example.jp");
  await page.getByLabel("電話番号").fill("0312345678");
  await page.getByLabel("金額（円）").fill("1500");
  // The charge is made but the reply is lost, and the first look-ups fail too.
  await page.request.post(`${simUrl}/_sim/faults`, {
    data: {
      api: [
        { method: "POST", path: "^/charges$", action: "lose_reply", times: 1 },
        { method: "GET", path: "^/charges$", action: "error_503", times: 3 },
      ],
    },
  });
  try {
    await page.getByTestId("submit-charge").click();
    await expect(page.getByTestId("checking-with-omise")).toContainText("Omise に確認中です");
    await expect(page.getByTestId("charge-created")).toBeVisible({ timeout: 30_000 });
  } finally {
    await page.request.delete(`${simUrl}/_sim/faults`);
  }
  const list = await page.request.get(`/api/charges?q=${encodeURIComponent(name)}`);
  expect(((await list.json()) as { data: unknown[] }).data).toHaveLength(1);
  const omise = await page.request.get(`${simUrl}/charges?limit=100&order=reverse_chronological`, {
    headers: { Authorization: `Basic ${Buffer.from("skey_test_konbinidesk:").toString("base64")}` },
  });
  const mine = ((await omise.json()) as { data: { description: string | null; source: { name?: string } }[] }).data.filter((c) => c.source?.name === name);
  expect(mine).toHaveLength(1);
});
