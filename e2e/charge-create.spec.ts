import { expect, test } from "./fixtures";
import { listAllViaApi, simPaymentCode, unique, uniqueEmail, uniquePhone } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("@main staff take a phone order: bad input is explained, good input makes one charge whose hand-over page reads it back, copies it and survives a reload", async ({ page, t }) => {
  const name = unique("ヤマダ");
  const email = uniqueEmail("yamada");
  const phone = uniquePhone();
  await page.goto("/charges/new");
  await expect(page.getByRole("heading", { name: t.newTitle })).toBeVisible();

  // Bad input: each field says what is wrong, in the user's language, and nothing is sent.
  await page.getByLabel(t.amount).fill("100");
  await page.getByLabel(t.amount).blur();
  await expect(page.getByTestId("error-amount")).toHaveText(t.amountRange);
  await page.getByLabel(t.customerName).fill("アイウエオカキクケコサ");
  await page.getByLabel(t.email).fill("yamada@");
  await page.getByLabel(t.phone).fill("090-1234");
  await page.getByLabel(t.deadline).fill("2099-01-01");
  await page.getByTestId("submit-charge").click();
  await expect(page.getByTestId("error-customerName")).toHaveText(t.nameTooLong);
  await expect(page.getByTestId("error-customerEmail")).toHaveText(t.emailInvalid);
  await expect(page.getByTestId("error-customerPhone")).toHaveText(t.phoneInvalid);
  await expect(page.getByTestId("error-expiresAt")).toContainText(t.deadlineTooFar);
  await expect(page.getByTestId("charge-created")).toHaveCount(0);
  expect(await listAllViaApi(page.request, { q: "アイウエオカキクケコサ" })).toEqual([]);

  // Good input: the errors go as each field is fixed, and the deadline is shown before sending.
  await page.getByLabel(t.amount).fill("3200");
  await expect(page.getByTestId("error-amount")).toHaveCount(0);
  await page.getByLabel(t.customerName).fill(name);
  await page.getByLabel(t.email).fill(email);
  await page.getByLabel(t.phone).fill(`${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
  await page.getByLabel(t.deadline).fill("");
  await expect(page.getByTestId("error-customerName")).toHaveCount(0);
  await expect(page.getByTestId("error-expiresAt")).toHaveCount(0);
  await expect(page.getByTestId("deadline-preview")).toHaveText(t.deadlinePreview);

  // A double click still makes one charge, and the form lands on the charge's own hand-over page.
  await page.getByTestId("submit-charge").dblclick();
  await expect(page).toHaveURL(/\/charges\/chrg_test_[^/]+\/handover$/);
  const chargeId = new URL(page.url()).pathname.split("/")[2] ?? "missing";
  await expect(page.getByTestId("charge-created")).toHaveText(t.handoverTitle);
  await expect(page.getByTestId("handover-name")).toHaveText(name);
  await expect(page.getByTestId("handover-phone")).toHaveText(`${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
  const link = page.getByTestId("payment-link");
  const href = (await link.getAttribute("href")) ?? "missing";
  expect(href).toMatch(/\/pay\/chrg_test_/);
  await expect(link).toHaveText(href);
  await expect(page.getByTestId("readback-amount")).toHaveText("¥3,200");
  await expect(page.getByTestId("readback-deadline")).toContainText("23:59 JST (UTC+09:00)");
  await expect(page.getByTestId("message-ja")).toContainText(href);
  await expect(page.getByTestId("message-ja")).toContainText(`${name} 様`);
  await expect(page.getByTestId("message-en")).toContainText(href);
  await expect(page.getByTestId("payment-qr")).toBeVisible();

  // Copy: the button confirms, and the clipboard holds exactly the link, then the message.
  await page.getByTestId("copy-link").click();
  await expect(page.getByTestId("copy-link")).toHaveText(t.copied);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(href);
  await page.getByTestId("copy-message-ja").click();
  await expect(page.getByTestId("copy-message-ja")).toHaveText(t.copied);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId("message-ja").inputValue());
  await expect(page.getByTestId("copy-link")).toHaveText(t.copy, { timeout: 5_000 });

  // The payment code Omise issued, large and grouped in fours for reading aloud; copy gives the raw digits.
  const code = await simPaymentCode(page.request, chargeId);
  expect(code).toMatch(/^\d{11}$/);
  await expect(page.getByText(t.paymentCode, { exact: true })).toBeVisible();
  await expect(page.getByTestId("payment-code")).toHaveText(`${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`);
  await page.getByTestId("copy-payment-code").click();
  await expect(page.getByTestId("copy-payment-code")).toHaveText(t.copied);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  // A reload (or coming back later) keeps everything on screen.
  await page.reload();
  await expect(page.getByTestId("charge-created")).toHaveText(t.handoverTitle);
  await expect(page.getByTestId("payment-code")).toHaveText(`${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`);
  await expect(page.getByTestId("payment-link")).toHaveAttribute("href", href);
  await expect(page.getByTestId("readback-amount")).toHaveText("¥3,200");
  await expect(page.getByTestId("handover-name")).toHaveText(name);

  // What was stored: one pending charge with the digits of the phone and the link shown.
  const stored = await listAllViaApi(page.request, { q: name });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ id: chargeId, status: "pending", amount: 3200, customerName: name, customerEmail: email, customerPhone: phone, authorizeUri: href, paymentCode: code });

  await page.getByTestId("view-charge").click();
  await expect(page).toHaveURL(new RegExp(`/charges/${chargeId}$`));
  await expect(page.getByTestId("charge-detail")).toHaveAttribute("data-status", "pending");
  await expect(page.getByTestId("status-badge")).toHaveText(t.pending);
  // The detail page shows the code too, and leads back to the hand-over page.
  await expect(page.getByTestId("payment-code")).toHaveAttribute("data-code", code);
  await page.getByTestId("open-handover").click();
  await expect(page).toHaveURL(new RegExp(`/charges/${chargeId}/handover$`));
  await expect(page.getByTestId("payment-code")).toHaveAttribute("data-code", code);
});
