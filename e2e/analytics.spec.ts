import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { countIn, createChargeViaApi, headerLink, simulate, unique } from "./helpers";

// The analytics page (issue 11): the range in the URL, each chart's table, and the numbers on
// screen equal to what GET /api/analytics answers for the same range. Words copied on purpose.
const WORDS = {
  ja: { title: "コンビニ払いの分析", table: "表で見る", chart: "グラフで見る", preset7: "7日間", tooLong: "期間は366日以内にしてください", nav: "分析" },
  en: { title: "Konbini analytics", table: "Show table", chart: "Show chart", preset7: "7 days", tooLong: "The range can be at most 366 days", nav: "Analytics" },
} as const;

type Figure = { count: number; amount: number };
type Outcomes = { paid: Figure; expired: Figure; failed: Figure; reversed: Figure; paidRate: number | null; expiredRate: number | null; failedRate: number | null };
type Analytics = {
  range: { from: string; to: string; days: number };
  totals: Outcomes;
  daily: ({ day: string } & Outcomes)[];
  payTime: { count: number; median: number | null; p90: number | null; distribution: { band: string; count: number }[] };
  byDeadline: ({ band: string } & Outcomes)[];
  byStaff: ({ staffId: string } & Outcomes)[];
  failureReasons: { code: string; count: number; amount: number }[];
};

async function apiFor(page: Page, from: string, to: string): Promise<Analytics> {
  const res = await page.request.get(`/api/analytics?from=${from}&to=${to}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Analytics;
}
const cell = (page: Page, table: string, row: string, col: number) => page.getByTestId(table).locator(`tr[data-row="${row}"] > :nth-child(${col})`);

/** Settle three fresh charges (paid, failed, expired) so today has outcomes of each kind. */
async function seed(page: Page) {
  const paid = await createChargeViaApi(page, { customerName: unique("ブンセキ"), amount: 4100 });
  const failed = await createChargeViaApi(page, { customerName: unique("ブンセキ"), amount: 12_300 });
  const expired = await createChargeViaApi(page, { customerName: unique("ブンセキ"), amount: 700 });
  await simulate(page.request, paid.id, "mark_as_paid");
  await simulate(page.request, failed.id, "mark_as_failed");
  await simulate(page.request, expired.id, "expire");
  for (const [id, status] of [[paid.id, "successful"], [failed.id, "failed"], [expired.id, "expired"]] as const) {
    await expect.poll(async () => ((await (await page.request.get(`/api/charges/${id}`)).json()) as { status: string }).status, { timeout: 20_000 }).toBe(status);
  }
}

test("@main analytics: change the range, open each table, and see the API's numbers", async ({ page, lang }) => {
  const w = WORDS[lang];
  await seed(page);
  await page.goto("/");
  await (await headerLink(page, w.nav)).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.title);
  const showing = page.getByTestId("analytics-showing");
  await expect(showing).toHaveAttribute("data-from", /\d{4}-\d{2}-\d{2}/);

  // A preset: the range goes into the URL and shows as chosen.
  await page.getByTestId("analytics-preset-7").click();
  await expect(page).toHaveURL(/\/analytics\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId("analytics-preset-7")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("analytics-preset-7")).toHaveText(w.preset7);
  const to = (await showing.getAttribute("data-to"))!;
  const from = (await showing.getAttribute("data-from"))!;
  const api = await apiFor(page, from, to);
  expect(api.range.days).toBe(7);
  expect(api.totals.paid.count).toBeGreaterThan(0);

  // Outcomes: the table, its total row and today's row equal the API.
  const outcomes = page.getByTestId("analytics-outcomes");
  await outcomes.getByTestId("analytics-outcomes-toggle").click();
  await expect(outcomes.getByTestId("analytics-outcomes-toggle")).toHaveText(w.chart);
  const today = api.daily.at(-1)!;
  for (const [row, o] of [["total", api.totals], [today.day, today]] as const) {
    for (const [col, n] of [[2, o.paid.count], [3, o.expired.count], [4, o.failed.count], [8, o.reversed.count]] as const) {
      expect(countIn(await cell(page, "analytics-outcomes-data", row, col).textContent()), `${row} col ${col}`).toBe(n);
    }
    for (const [col, r] of [[5, o.paidRate], [6, o.expiredRate], [7, o.failedRate]] as const) {
      await expect(cell(page, "analytics-outcomes-data", row, col)).toHaveAttribute("data-value", String(r));
    }
  }
  // Back to the chart.
  await outcomes.getByTestId("analytics-outcomes-toggle").click();
  await expect(outcomes.getByTestId("analytics-chart")).toBeVisible();
  await expect(outcomes.getByTestId("analytics-outcomes-toggle")).toHaveText(w.table);

  // Amounts: yen as integers.
  await page.getByTestId("analytics-amounts-toggle").click();
  expect(countIn(await cell(page, "analytics-amounts-data", "total", 2).textContent())).toBe(api.totals.paid.amount);
  expect(countIn(await cell(page, "analytics-amounts-data", "total", 3).textContent())).toBe(api.totals.expired.amount);

  // Time to payment: median and 90th percentile, and the distribution.
  const summary = page.getByTestId("analytics-paytime-summary");
  await expect(summary).toHaveAttribute("data-median", String(api.payTime.median));
  await expect(summary).toHaveAttribute("data-p90", String(api.payTime.p90));
  await page.getByTestId("analytics-paytime-toggle").click();
  for (const d of api.payTime.distribution) expect(countIn(await cell(page, "analytics-paytime-data", d.band, 2).textContent()), d.band).toBe(d.count);

  // Bands, staff and failure reasons.
  await page.getByTestId("analytics-deadline-toggle").click();
  for (const b of api.byDeadline) expect(countIn(await cell(page, "analytics-deadline-data", b.band, 2).textContent()), b.band).toBe(b.paid.count);
  await page.getByTestId("analytics-staff-toggle").click();
  for (const s of api.byStaff) expect(countIn(await cell(page, "analytics-staff-data", s.staffId, 4).textContent()), s.staffId).toBe(s.failed.count);
  await page.getByTestId("analytics-failures-toggle").click();
  const cancelled = api.failureReasons.find((f) => f.code === "payment_cancelled")!;
  expect(countIn(await cell(page, "analytics-failures-data", "payment_cancelled", 2).textContent())).toBe(cancelled.count);

  // Nothing wider than the screen (the phone project is 390 px): tables scroll in their card.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // A custom range through the form, then one too long: refused with a message, picker kept.
  await page.getByTestId("analytics-from").fill(api.daily[2]!.day);
  await page.getByTestId("analytics-to").fill(to);
  await page.getByTestId("analytics-apply").click();
  await expect(page).toHaveURL(new RegExp(`from=${api.daily[2]!.day}&to=${to}`));
  await expect(showing).toHaveAttribute("data-from", api.daily[2]!.day);
  await page.getByTestId("analytics-outcomes-toggle").click();
  const narrower = await apiFor(page, api.daily[2]!.day, to);
  expect(countIn(await cell(page, "analytics-outcomes-data", "total", 2).textContent())).toBe(narrower.totals.paid.count);
  await page.goto("/analytics?from=2024-01-01&to=2026-01-01");
  await expect(page.getByTestId("analytics-error")).toHaveText(w.tooLong);
  await expect(page.getByTestId("analytics-custom")).toBeVisible();
});

test("analytics: an empty range says so", async ({ page }) => {
  await page.goto("/analytics?from=2001-01-01&to=2001-01-31");
  await expect(page.getByTestId("analytics-empty")).toHaveText("この期間に結果の出た請求はありません。");
});
