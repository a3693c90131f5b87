import { expect, expectProblems, test } from "./fixtures";
import { createChargeViaApi, unique, uniqueEmail, uniquePhone } from "./helpers";

test("@main the same phone and amount again is flagged with a link to the earlier charge, and goes ahead only with a reason", async ({ page, t }) => {
  const phone = uniquePhone();
  const name = unique("ニジュウ");
  const first = await createChargeViaApi(page, { amount: 4300, customerName: name, customerPhone: phone });

  await page.goto("/charges/new");
  await page.getByLabel(t.customerName).fill(unique("ニドメ"));
  await page.getByLabel(t.email).fill(uniqueEmail("again"));
  await page.getByLabel(t.phone).fill(`${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
  await page.getByLabel(t.amount).fill("4300");
  // The server's first answer is the 409 that names the likely repeat.
  expectProblems(page, [/HTTP 409: POST .*\/api\/charges/]);
  await page.getByTestId("submit-charge").click();

  const warning = page.getByTestId("duplicate-warning");
  await expect(warning.getByRole("heading", { name: t.duplicateTitle })).toBeVisible();
  const item = warning.getByTestId("duplicate-charge");
  await expect(item).toHaveCount(1);
  const link = item.getByRole("link");
  await expect(link).toHaveAttribute("href", `/charges/${first.id}`);
  await expect(link).toContainText("¥4,300");
  await expect(link).toContainText(name);
  await expect(item.getByTestId("status-badge")).toHaveText(t.pending);
  await expect(item).toContainText("JST (UTC+09:00)");
  await expect(page.getByTestId("charge-created")).toHaveCount(0);

  // Going ahead needs a reason; without one nothing is sent.
  await page.getByRole("button", { name: t.duplicateConfirm }).click();
  await expect(page.getByTestId("error-duplicateReason")).toHaveText(t.duplicateReasonRequired);

  const reason = "お客様が別の商品の2件目と確認";
  await page.getByLabel(t.duplicateReason).fill(reason);
  const created = page.waitForResponse((r) => r.url().endsWith("/api/charges") && r.request().method() === "POST" && r.status() === 201);
  await page.getByRole("button", { name: t.duplicateConfirm }).click();
  const charge = (await (await created).json()) as { id: string };
  expect(charge.id).not.toBe(first.id);
  await expect(page.getByTestId("duplicate-warning")).toHaveCount(0);

  // The new charge's timeline keeps who went ahead and why.
  await page.goto(`/charges/${charge.id}`);
  const entry = page.locator('[data-testid="timeline-entry"][data-kind="duplicate_confirmed"]');
  await expect(entry).toContainText(t.duplicateConfirmed);
  await expect(entry).toContainText(reason);
});
