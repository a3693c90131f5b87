import { expect, test } from "./fixtures";
import { createChargeViaApi, unique } from "./helpers";

// What staff see, copied from the catalog on purpose (a changed wording fails here).
const WORDS = {
  ja: {
    bankCodeError: "金融機関コードは数字4桁で入力してください",
    holderError: "口座名義はカタカナで入力してください（漢字は使えません）",
    preview: "保存される名義: ヤマダ タロウ",
    created: "返金依頼を記録しました。",
    requested: "振込待ち",
    transferred: "振込済み",
    ordinary: "普通",
    confirmTitle: "¥1,200 を振込済みにしますか？",
    refunded: "返金済み ¥1,200",
    timelineRequested: "返金依頼 ¥1,200",
    timelineTransferred: "返金を振込済みに ¥1,200",
  },
  en: {
    bankCodeError: "The bank code is 4 digits",
    holderError: "Enter the account holder in katakana (no kanji)",
    preview: "Stored as: ヤマダ タロウ",
    created: "Refund request recorded.",
    requested: "Awaiting transfer",
    transferred: "Transferred",
    ordinary: "Ordinary",
    confirmTitle: "Mark ¥1,200 as transferred?",
    refunded: "Refunded ¥1,200",
    timelineRequested: "Refund requested ¥1,200",
    timelineTransferred: "Refund marked transferred ¥1,200",
  },
} as const;

test("@main a paid charge: record a bank-transfer refund, see it masked, show it (admin), mark it transferred", async ({ page, context, t, lang }) => {
  const w = WORDS[lang];
  const name = unique("ヘンキン");
  const charge = await createChargeViaApi(page, { customerName: name, amount: 3000 });
  const customer = await context.newPage();
  await customer.goto(charge.authorizeUri);
  await customer.getByRole("button", { name: t.simPay }).click();
  await expect(customer.getByText(t.simPaid).first()).toBeVisible();
  await customer.close();

  await page.goto(`/charges/${charge.id}`);
  await expect(page.getByTestId("charge-detail")).toHaveAttribute("data-status", "successful", { timeout: 20_000 });
  const panel = page.getByTestId("refunds-panel");
  await expect(panel.getByTestId("refunds-refundable")).toContainText("¥3,000");

  // Validated as typed: a short bank code and a kanji name are refused before anything is sent.
  await page.locator("#refund-bankCode").fill("12");
  await page.locator("#refund-bankCode").blur();
  await expect(page.getByTestId("error-refund-bankCode")).toHaveText(w.bankCodeError);
  await page.locator("#refund-holderKana").fill("山田太郎");
  await page.locator("#refund-holderKana").blur();
  await expect(page.getByTestId("error-refund-holderKana")).toHaveText(w.holderError);
  // Half-width kana is accepted and shown as it will be stored.
  await page.locator("#refund-holderKana").fill("ﾔﾏﾀﾞ ﾀﾛｳ");
  await expect(page.getByTestId("error-refund-holderKana")).toHaveCount(0);
  await expect(page.getByTestId("holder-preview")).toHaveText(w.preview);

  await page.locator("#refund-amount").fill("1200");
  await page.locator("#refund-bankCode").fill("0001");
  await page.locator("#refund-branchCode").fill("123");
  await page.locator("#refund-accountNumber").fill("4567"); // padded to 0004567
  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("refund-created")).toHaveText(w.created);
  const item = panel.getByTestId("refund-item").first();
  await expect(item.getByTestId("refund-state")).toHaveText(w.requested);
  await expect(item.getByTestId("refund-bank")).toContainText(`0001 / 123`);
  await expect(item.getByTestId("refund-bank")).toContainText(w.ordinary);
  await expect(item.getByTestId("refund-bank")).toContainText("****567");
  await expect(item.getByTestId("refund-bank")).toContainText("ヤ＊＊ タ＊＊");
  await expect(item.getByTestId("refund-bank")).not.toContainText("0004567");
  await expect(panel.getByTestId("refunds-refundable")).toContainText("¥1,800");
  await expect(page.getByTestId("timeline")).toContainText(w.timelineRequested);

  // The admin who sends the money sees the full details on request.
  await item.getByTestId("refund-reveal").click();
  await expect(item.getByTestId("refund-bank")).toContainText("0004567");
  await expect(item.getByTestId("refund-bank")).toContainText("ヤマダ タロウ");

  // Marking transferred asks first; backing out changes nothing.
  await item.getByTestId("refund-transfer").click();
  await expect(page.locator("#refund-confirm-title")).toHaveText(w.confirmTitle);
  await page.getByTestId("refund-confirm-cancel").click();
  await expect(item.getByTestId("refund-state")).toHaveText(w.requested);
  await item.getByTestId("refund-transfer").click();
  await page.getByTestId("refund-confirm-confirm").click();
  await expect(panel.getByTestId("refund-item").first().getByTestId("refund-state")).toHaveText(w.transferred);
  await expect(page.getByTestId("charge-refunded")).toHaveText(w.refunded);
  await expect(page.getByTestId("timeline")).toContainText(w.timelineTransferred);
  const res = await page.request.get(`/api/charges/${charge.id}/refunds`);
  expect(await res.json()).toMatchObject({ refundedAmount: 1200, requestedAmount: 0, refundableAmount: 1800 });
  // No sideways scrolling, at phone width too.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  await page.goto(`/charges?q=${encodeURIComponent(name)}`);
  await expect(page.locator(`[data-testid="charge-row"][data-charge-id="${charge.id}"]`).getByTestId("row-refunded")).toHaveText(w.refunded);
});
