import { readFile } from "node:fs/promises";
import iconv from "iconv-lite";
import type { Download, Page } from "@playwright/test";
import { expect, expectProblems, test } from "./fixtures";
import { createChargeViaApi, unique } from "./helpers";

// The Export panel on /charges and /audit: what a user downloads is the rows the page shows
// for its filters, in the page's language, as UTF-8 with a BOM or as Shift_JIS.
const WORDS = {
  ja: { button: "CSV を書き出す", sjis: "Shift_JIS（会計ソフト向け）", idHeader: "請求ID", pending: "支払待ち", done: /3 行を書き出しました。/, auditHeader: "日時", badDate: "日付は 2026-12-01 のような形で、実在する日を入力してください" },
  en: { button: "Export CSV", sjis: "Shift_JIS (accounting software)", idHeader: "Charge ID", pending: "Pending", done: /Exported 3 rows\./, auditHeader: "Time", badDate: "Enter a real date such as 2026-12-01" },
} as const;

/** Records split on CRLF with quoted cells kept whole (enough for these rows: no quotes inside). */
const records = (text: string) => text.split("\r\n").filter(Boolean).map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "")) ?? []);

/** Opens the panel (unless it is open), picks the encoding, starts, and waits for the file. */
async function exportFrom(page: Page, kind: "charges" | "audit", button: string | null, encoding?: string): Promise<Download> {
  if (button) await page.getByRole("button", { name: button }).click();
  if (encoding) await page.getByLabel(encoding).check();
  const download = page.waitForEvent("download");
  await page.getByTestId(`${kind}-export-start`).click();
  return download;
}

test("@main exporting the charge list downloads the rows the list shows, in the page's language", async ({ page, lang }) => {
  const w = WORDS[lang];
  const tag = unique("csv-");
  for (let i = 0; i < 3; i++) await createChargeViaApi(page, { description: `${tag} #${i}`, amount: 1200 + i });
  await page.goto(`/charges?q=${encodeURIComponent(tag)}`);
  await expect(page.getByTestId("charge-row")).toHaveCount(3);
  const shown = await page.getByTestId("charge-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-charge-id")));

  const download = await exportFrom(page, "charges", w.button);
  expect(download.suggestedFilename()).toMatch(/^charges-\d{8}-\d{4}\.csv$/);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = records(bytes.subarray(3).toString("utf8"));
  expect(header?.[0]).toBe(w.idHeader);
  expect(rows.map((r) => r[0])).toEqual(shown);
  expect(rows.map((r) => r[2])).toEqual([w.pending, w.pending, w.pending]);
  expect(rows.map((r) => r[3])).toEqual(["1202", "1201", "1200"]);
  await expect(page.getByTestId("charges-export-done")).toHaveText(w.done);

  // The same rows as Shift_JIS, which accounting software reads.
  const sjis = await exportFrom(page, "charges", null, w.sjis);
  const decoded = iconv.decode(await readFile(await sjis.path()), "shift_jis");
  expect(records(decoded).slice(1).map((r) => r[0])).toEqual(shown);
  expect(decoded).toContain(`${tag} #0`);
});

test("@main a refused filter shows the server's message instead of a download", async ({ page, lang }) => {
  const w = WORDS[lang];
  expectProblems(page, [/HTTP 422: GET \S+\/api\/charges\/export\?\S+ \(fetch\)/]);
  await page.goto("/charges?from=2026-02-30");
  await page.getByRole("button", { name: w.button }).click();
  await page.getByTestId("charges-export-start").click();
  await expect(page.getByTestId("charges-export-error")).toContainText(w.badDate);
});

test("@main exporting the audit log downloads its filtered rows", async ({ page, lang }) => {
  const w = WORDS[lang];
  await createChargeViaApi(page, { description: unique("audit-csv-") });
  await page.goto("/audit?action=charge.create");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  const onPage = await page.getByTestId("audit-row").count();
  const download = await exportFrom(page, "audit", w.button);
  expect(download.suggestedFilename()).toMatch(/^audit-\d{8}-\d{4}\.csv$/);
  const [header, ...rows] = records((await readFile(await download.path())).subarray(3).toString("utf8"));
  expect(header?.[0]).toBe(w.auditHeader);
  expect(rows.length).toBeGreaterThanOrEqual(onPage);
  expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(["charge.create"]));
  await expect(page.getByTestId("audit-export-done")).toBeVisible();
});
