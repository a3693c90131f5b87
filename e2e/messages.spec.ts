import { expect, test } from "./fixtures";
import { createChargeViaApi, unique } from "./helpers";

// The demo server has no SMTP_URL: a sent link is captured, shown on the charge and in /outbox.
test("@main staff send the link by email from the hand-over page: captured in the demo and shown in the outbox as the customer sees it; the SMS text opens with its body", async ({ page, t, lang }) => {
  const name = unique("メール");
  const charge = await createChargeViaApi(page, { amount: 4321, customerName: name });

  await page.goto(`/charges/${charge.id}/handover`);
  await expect(page.getByTestId("send-to")).toHaveValue(charge.customerEmail);
  // The language defaults to the staff member's; the other one is chosen here.
  const other = lang === "ja" ? "en" : "ja";
  await expect(page.getByTestId(`send-lang-${lang}`)).toBeChecked();
  await page.getByTestId(`send-lang-${other}`).check();
  await page.getByRole("button", { name: t.sendEmail }).click();
  const item = page.getByTestId("message-item").first();
  await expect(item).toHaveAttribute("data-state", "captured", { timeout: 20_000 });
  await expect(item.getByTestId("message-state")).toHaveText(t.stateCaptured);
  await expect(item).toContainText(charge.customerEmail);

  // The SMS text: ready on screen, and the sms: link carries it to the customer's phone.
  const smsText = await page.getByTestId("sms-text").inputValue();
  expect(smsText).toContain(charge.authorizeUri);
  const href = await page.getByTestId("sms-open").getAttribute("href");
  expect(href).toBe(`sms:${charge.customerPhone}?body=${encodeURIComponent(smsText)}`);
  // The browser has no messaging app: keep the navigation, not the click (the click records it).
  await page.evaluate(() => window.addEventListener("click", (e) => (e.target as Element).closest("a[href^='sms:']") && e.preventDefault(), true));
  const recorded = page.waitForResponse((r) => r.url().endsWith(`/api/charges/${charge.id}/messages`) && r.request().method() === "POST");
  await page.getByTestId("sms-open").click();
  expect((await recorded).status()).toBe(200);

  await page.goto(`/charges/${charge.id}`);
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="message_captured"]')).toContainText(t.timelineCaptured);
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="sms_opened"]')).toContainText(t.timelineSmsOpened);
  await expect(page.locator('[data-testid="message-item"][data-state="captured"]')).toBeVisible();

  await page.goto("/outbox");
  await expect(page.getByTestId("outbox-capture-notice")).toHaveText(t.outboxNotice);
  const mail = page.getByTestId("outbox-message").filter({ hasText: charge.customerEmail }).first();
  await expect(mail.getByTestId("outbox-to")).toHaveText(charge.customerEmail);
  await expect(mail.getByTestId("outbox-from")).toContainText("Konbini Desk");
  const subject = other === "ja" ? "【Konbini Desk デモ店】コンビニでのお支払いのご案内（¥4,321）" : "[Konbini Desk デモ店] How to pay at a convenience store (¥4,321)";
  await expect(mail.getByTestId("outbox-subject")).toHaveText(subject);
  const body = mail.getByTestId("outbox-body");
  await expect(body).toContainText(name);
  await expect(body).toContainText("¥4,321");
  await expect(body).toContainText(charge.authorizeUri);
  if (charge.paymentCode) await expect(body).toContainText(charge.paymentCode);
  await expect(body).toContainText(other === "ja" ? /\d{4}年\d{1,2}月\d{1,2}日\(.\) \d{2}:\d{2} まで/ : /by \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} JST/);
});
