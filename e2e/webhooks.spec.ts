import { expect, expectProblems, test } from "./fixtures";
import { SIM_URL, createChargeViaApi, listAllViaApi, simulate } from "./helpers";

// The webhook log (issue 11) as an admin uses it: a delivery Omise never made is fetched from
// Omise for a JST window, shows in the list, opens with its payload, and "Process again" on it
// (processed already) changes nothing. Wording copied from the catalog on purpose.
const WORDS = {
  ja: { fetched: /件を確認、新しく保存[1-9]\d*件/, already: "このイベントは処理済みです。何も変更していません。", processed: "処理済み", tooLong: "期間は31日以内にしてください" },
  en: { fetched: /checked, [1-9]\d* newly stored/, already: "This event was already processed. Nothing was changed.", processed: "Processed", tooLong: "The window can be at most 31 days" },
} as const;

const setFaults = (request: import("@playwright/test").APIRequestContext, body: object) => request.post(`${SIM_URL}/_sim/faults`, { data: body });

test("@main webhook log: fetch from Omise, list, open one, process again", async ({ page, lang }) => {
  const w = WORDS[lang];
  // A charge whose webhooks are all lost: only "Fetch from Omise" brings its events.
  await setFaults(page.request, { webhooks: { mode: "drop" } });
  let chargeId: string;
  try {
    const charge = await createChargeViaApi(page);
    chargeId = charge.id;
    await simulate(page.request, charge.id, "mark_as_paid");
  } finally {
    await setFaults(page.request, {});
  }
  expect((await listAllViaApi(page.request, { q: chargeId }))[0]?.status).toBe("pending");

  await page.goto("/webhooks");
  // A window longer than 31 days is refused in the user's language, and nothing is fetched.
  expectProblems(page, [/HTTP 422: POST \S+\/api\/webhooks\/fetch/]);
  await expect(page.getByTestId("webhook-fetch-submit")).toBeEnabled(); // hydrated
  await page.getByTestId("webhook-fetch-from").fill("2026-01-01T00:00");
  await expect(page.getByTestId("webhook-fetch-from")).toHaveValue("2026-01-01T00:00");
  await page.getByTestId("webhook-fetch-to").fill("2026-03-01T00:00");
  await page.getByTestId("webhook-fetch-submit").click();
  await expect(page.getByTestId("webhook-fetch-error")).toHaveText(w.tooLong);

  // The default window (the last 24 hours, JST) holds the lost events.
  await page.reload();
  await page.getByTestId("webhook-fetch-submit").click();
  await expect(page.getByTestId("webhook-fetch-result")).toHaveText(w.fetched, { timeout: 30_000 });
  await expect.poll(async () => (await listAllViaApi(page.request, { q: chargeId }))[0]?.status).toBe("successful");

  // The list (table on a desktop, cards on a phone) now shows the charge's events, processed.
  const row = page.locator('[data-testid="webhook-row"]:visible, [data-testid="webhook-card"]:visible').filter({ hasText: chargeId }).first();
  await expect(row).toBeVisible();
  await expect(row.getByTestId("webhook-state")).toHaveText(w.processed);
  await page.getByTestId("webhook-tab-processed").click();
  await expect(page).toHaveURL(/state=processed/);
  await expect(page.locator('[data-testid="webhook-state"]:visible').first()).toHaveText(w.processed);
  await page.getByTestId("webhook-tab-all").click();

  await row.getByTestId("webhook-open").click();
  await expect(page).toHaveURL(/\/webhooks\/evnt_/);
  const payload = page.getByTestId("webhook-payload");
  await expect(payload).toContainText(chargeId);
  await expect(payload).toHaveAttribute("translate", "no");
  const processedAt = await page.getByTestId("webhook-processed-at").textContent();

  // "Process again" asks first; cancelling changes nothing; confirming on a processed event says so and changes nothing.
  await page.getByTestId("webhook-process").click();
  await page.getByTestId("webhook-process-dialog-cancel").click();
  await expect(page.getByTestId("webhook-process-dialog")).toBeHidden();
  await page.getByTestId("webhook-process").click();
  await page.getByTestId("webhook-process-dialog-confirm").click();
  await expect(page.getByTestId("webhook-process-result")).toHaveText(w.already);
  await expect(page.getByTestId("webhook-processed-at")).toHaveText(processedAt ?? "");

  // The same event through the API, as a script would read it.
  const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
  const res = await page.request.get(`/api/webhooks/events/${id}`);
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ id, chargeId, state: "processed" });
});

test("an unknown webhook event answers a real 404, inside the dashboard with one header and a way back", async ({ page }) => {
  expectProblems(page, [/HTTP 404: GET \S+\/webhooks\/evnt_test_nosuchevent \(document\)/]);
  // The detail page has no loading fallback (the list's is in the route group (list)), so the
  // lookup fails before anything is sent and the status is 404, not a 200 with the message.
  expect((await page.goto("/webhooks/evnt_test_nosuchevent"))?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.getByTestId("not-found").getByRole("heading")).toHaveText("ページが見つかりません");
  await expect(page.locator("header")).toHaveCount(1);
  await page.getByTestId("not-found").getByRole("link").click();
  await expect(page).toHaveURL(/\/$/);
});
