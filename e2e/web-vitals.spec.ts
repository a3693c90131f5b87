import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createChargeViaApi } from "./helpers";
import { VITALS_TARGETS, median, readVitals, vitalsInitScript, type Vitals } from "../scripts/web-vitals-probe.mjs";

// Issue 10's lab web vitals, measured by Google's `web-vitals` library inside the page (injected
// as an init script, so the app's nonce CSP is untouched; the fixtures fail the test on any
// violation). CLS ≤ 0.1 on the list, a charge and the new-charge form; INP ≤ 200 ms for the
// three key interactions. LCP and TBT are in `npm run bench:vitals` (docs/web-vitals.md), where
// the machine's load is known. Japanese desktop only (not tagged @main): the layout under test
// is the desktop one, and the phone and English runs would triple the time.

test.beforeEach(async ({ context }) => {
  await context.addInitScript({ content: vitalsInitScript() });
});

/** Loaded, hydrated and quiet: the ready element shows, the first requests are done. */
async function open(page: Page, path: string, ready: string) {
  await page.goto(path);
  await expect(page.getByTestId(ready)).toBeVisible();
  await page.waitForLoadState("networkidle");
}

const shiftsOf = (v: Vitals) => JSON.stringify(v.shifts);

/** More than one page of charges in the "all" tab, so the list has a next page. */
async function ensureTwoPages(page: Page) {
  const res = await page.request.get("/api/charges?status=all&limit=26");
  expect(res.status()).toBe(200);
  const { data } = (await res.json()) as { data: unknown[] };
  for (let i = data.length; i < 26; i++) await createChargeViaApi(page);
}

test("layout stays put while the list, a charge and the new-charge form load (CLS ≤ 0.1)", async ({ page }) => {
  const charge = await createChargeViaApi(page);
  for (const [path, ready] of [["/charges", "charges-table"], [`/charges/${charge.id}`, "charge-detail"], ["/charges/new", "new-charge-form"]] as const) {
    await open(page, path, ready);
    await page.waitForTimeout(1000); // shifts that come after the load (late content, fonts)
    const v = await readVitals(page);
    expect(v.CLS, `web-vitals reported no CLS on ${path}`).not.toBeNull();
    expect(v.CLS!.value, `CLS on ${path}; shifts: ${shiftsOf(v)}`).toBeLessThanOrEqual(VITALS_TARGETS.CLS);
  }
});

/**
 * Three fresh loads of the list, `act` once on each, the median INP judged (one interaction on a
 * shared machine is one sample); CLS over each page's whole life, the interaction's aftermath included.
 */
async function expectInteraction(page: Page, name: string, act: () => Promise<void>) {
  const runs: Vitals[] = [];
  for (let i = 0; i < 3; i++) {
    await open(page, "/charges", "charges-table");
    await act();
    runs.push(await readVitals(page));
  }
  const values = runs.map((v) => v.INP?.value);
  expect(values.every((x) => typeof x === "number"), `${name}: web-vitals reported no INP (${JSON.stringify(values)})`).toBe(true);
  expect(median(values), `${name}: INP of the runs ${JSON.stringify(runs.map((v) => v.INP))}`).toBeLessThanOrEqual(VITALS_TARGETS.INP);
  for (const v of runs) expect(v.CLS!.value, `${name}: CLS; shifts: ${shiftsOf(v)}`).toBeLessThanOrEqual(VITALS_TARGETS.CLS);
}

test("switching to another status tab answers within 200 ms (INP)", async ({ page }) => {
  await expectInteraction(page, "switch to the pending tab", async () => {
    await page.getByTestId("status-tab-pending").click();
    await expect(page.getByTestId("status-tab-pending")).toHaveAttribute("aria-current", "page");
    await page.waitForLoadState("networkidle");
  });
});

test("loading the next page answers within 200 ms (INP) and moves nothing on screen", async ({ page }) => {
  await ensureTwoPages(page);
  await expectInteraction(page, "show the next page", async () => {
    await page.getByTestId("show-more").click();
    await expect(page.getByTestId("charge-row").nth(25)).toBeVisible();
  });
});

test("opening a charge from the list answers within 200 ms (INP)", async ({ page }) => {
  await expectInteraction(page, "open a charge from the list", async () => {
    // A click on the row (its amount cell), not on the name link.
    await page.getByTestId("charge-row").first().locator("td").nth(2).click();
    await expect(page.getByTestId("charge-detail")).toBeVisible();
    await page.waitForLoadState("networkidle");
  });
});
