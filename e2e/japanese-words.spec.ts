import { createHmac } from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createChargeViaApi, unique, uniqueEmail, uniquePhone } from "./helpers";

// Every page, in Japanese, must show no English word that is not a name, a code or an
// identifier; every page in English must show no Japanese left over. Data (names, emails,
// phone numbers, charge ids, Omise's raw text) is marked translate="no" in the markup, and
// text in another language on purpose carries its own lang attribute (the language switch);
// both are left out. What remains is UI text, and these are the only Latin words it may use:
const ALLOWED_IN_JAPANESE = new Set([
  "Omise", // the payment provider's name
  "Webhook", // Omise's own name for the setting, as its Japanese dashboard writes it
  "JST", // shown with every time, with its offset
  "UTC",
  "SMS", // written this way in Japanese, as are the next three
  "QR",
  "ID",
  "URL",
  "CSV", // file formats and encodings keep their names in Japanese: CSV, UTF-8, Shift_JIS, Excel
  "UTF",
  "Shift",
  "JIS",
  "Excel",
  "KB", // a size, as Japanese writes it (the export's progress)
]);
// Removed before looking for words: e-mail addresses, links, charge ids, ISO dates in examples.
const NOT_WORDS = [/\S+@\S+\.\w+/g, /https?:\/\/\S+/g, /\bchrg_\w+/g, /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?/g];
const JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+/g;

type Lang = "ja" | "en";

/** The page's UI text: text nodes, the attributes people hear or see, and the title. */
async function uiText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lang = document.documentElement.lang;
    const excluded = (el: Element) =>
      Boolean(el.closest('[translate="no"], script, style, noscript, template, textarea')) || el.closest("[lang]")?.getAttribute("lang") !== lang;
    const out: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && !excluded(node.parentElement) && node.textContent?.trim()) out.push(node.textContent.trim());
    }
    for (const el of document.body.querySelectorAll("[placeholder], [aria-label], [title], [alt]")) {
      if (excluded(el)) continue;
      for (const name of ["placeholder", "aria-label", "title", "alt"]) {
        const value = el.getAttribute(name);
        if (value) out.push(value);
      }
    }
    return out;
  });
}

function wrongLanguage(texts: string[], lang: Lang): string[] {
  if (lang === "en") return texts.flatMap((text) => (text.match(JAPANESE) ?? []).map((m) => `"${m}" in "${text}"`));
  return texts.flatMap((text) => {
    const cleaned = NOT_WORDS.reduce((s, re) => s.replace(re, " "), text);
    const words = cleaned.match(/[A-Za-z][A-Za-z'’]*/g) ?? [];
    return words.filter((w) => !ALLOWED_IN_JAPANESE.has(w)).map((w) => `"${w}" in "${text}"`);
  });
}

class Walk {
  readonly problems: string[] = [];
  readonly titles = new Map<string, string>();
  constructor(readonly lang: Lang) {}

  /** Check what the page shows now; `where` names it in the report. */
  async look(page: Page, where: string) {
    await page.waitForLoadState("networkidle");
    this.problems.push(...wrongLanguage(await uiText(page), this.lang).map((p) => `${where}: ${p}`));
    this.titles.set(where, await page.title());
  }
}

async function inLanguage(context: BrowserContext, lang: Lang, baseURL: string) {
  await context.addCookies([{ name: "kd_locale", value: lang, url: baseURL }]);
}

/** Collects what the browser logs for a missing message, a formatting error or text that hydrated differently. */
function watchConsole(page: Page, walk: Walk) {
  page.on("console", (msg) => {
    if (msg.type() === "error" && /\[i18n\]|hydrat|React error #4(18|25)\b/i.test(msg.text())) walk.problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => walk.problems.push(`page error: ${err.message}`));
}

async function walkSignedIn(page: Page, walk: Walk, simUrl: (uri: string) => string) {
  const ja = walk.lang === "ja";
  await page.goto("/");
  await walk.look(page, "overview");
  // The chart's series in the same order in both languages; the header's name and role apart.
  await expect(page.getByTestId("chart-legend").locator("li")).toHaveText(ja ? ["入金", "期限切れ"] : ["Paid", "Expired"]);
  await expect(page.getByTestId("current-user")).toHaveText(ja ? "Admin管理者" : "AdminAdministrator");
  await page.goto("/charges");
  await walk.look(page, "charges");
  await page.goto("/charges?status=pending&q=nothing-matches-this");
  await walk.look(page, "charges, empty search");
  await page.getByTestId("charges-export").click();
  await page.getByTestId("charges-export-shift_jis").check();
  await walk.look(page, "charges, export panel");
  // The filter bar with filters set, saving a view, a saved view's delete question, refused filters.
  await page.goto("/charges?status=pending&from=2026-11-01&deadlineTo=2027-01-31&amountMin=100&sort=deadline");
  await page.getByTestId("save-view").click();
  await expect(page.getByTestId("save-view-form")).toBeVisible();
  await walk.look(page, "charges, filtered, saving a view");
  const saved = await page.request.post("/api/views", { headers: { Origin: new URL(page.url()).origin }, data: { name: unique("ビュー"), query: "status=failed" } });
  expect(saved.status()).toBe(201);
  await page.reload();
  await page.getByTestId("saved-view-delete").first().click();
  await expect(page.getByTestId("delete-view")).toBeVisible();
  await walk.look(page, "charges, delete a saved view");
  await page.keyboard.press("Escape");
  await page.goto("/charges?amountMin=500&amountMax=100&from=2026-02-30&staff=bad%20id");
  await expect(page.getByTestId("filter-invalid")).toBeVisible();
  await walk.look(page, "charges, refused filters");

  // The phone-order form: every validation message, the far-deadline warning, then the read-back.
  await page.goto("/charges/new");
  await walk.look(page, "new charge");
  await page.getByTestId("submit-charge").click();
  await expect(page.getByTestId("form-error")).toBeVisible();
  await walk.look(page, "new charge, empty submit");
  await page.locator("#amount").fill("12.5");
  await page.locator("#customerName").fill("アイウエオカキクケコサシ");
  await page.locator("#customerEmail").fill("not-an-email");
  await page.locator("#customerPhone").fill("123");
  await page.locator("#description").fill("x".repeat(260));
  await page.locator("#expiresAt").fill("someday");
  await page.locator("#expiresAt").blur();
  await expect(page.getByTestId("error-expiresAt")).toBeVisible();
  await walk.look(page, "new charge, invalid values");
  await page.locator("#expiresAt").fill("2020-01-01");
  await page.locator("#expiresAt").blur();
  await walk.look(page, "new charge, past deadline");
  const far = new Date(Date.now() + 100 * 86400_000).toISOString().slice(0, 10);
  await page.locator("#expiresAt").fill(far);
  await expect(page.getByTestId("deadline-warning")).toBeVisible();
  await walk.look(page, "new charge, far deadline");
  await page.locator("#amount").fill("1500");
  await page.locator("#customerName").fill(unique("ゴトウ"));
  // A fresh customer: a second pending charge for the same one and amount would be held as a duplicate.
  await page.locator("#customerEmail").fill(uniqueEmail("goto"));
  await page.locator("#customerPhone").fill(uniquePhone());
  await page.locator("#description").fill("");
  await page.locator("#expiresAt").fill("");
  await page.getByTestId("submit-charge").click();
  await expect(page.getByTestId("charge-created")).toBeVisible();
  await walk.look(page, "new charge, read-back");

  // The duplicate warning: the same customer and amount again, then going ahead without a reason.
  const first = await createChargeViaApi(page, { customerName: unique("ニド"), amount: 1600 });
  await page.goto("/charges/new");
  await page.locator("#amount").fill("1600");
  await page.locator("#customerName").fill(unique("ニド"));
  await page.locator("#customerEmail").fill(first.customerEmail);
  await page.locator("#customerPhone").fill(first.customerPhone);
  await page.getByTestId("submit-charge").click();
  await expect(page.getByTestId("duplicate-warning")).toBeVisible();
  await page.getByTestId("confirm-duplicate").click();
  await expect(page.getByTestId("error-duplicateReason")).toBeVisible();
  await walk.look(page, "new charge, duplicate warning");

  // Bulk issue: the upload step, then a file read with one good and one bad row.
  await page.goto("/charges/bulk");
  await walk.look(page, "bulk issue, upload");
  const csv = `name,email,phone,amount\n${unique("イッカツ")},${uniqueEmail("bulk-words")},0312345678,1200\nバツ,bad@,03,5\n`;
  await page.getByTestId("bulk-file").setInputFiles({ name: "words.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("bulk-summary")).toBeVisible();
  await walk.look(page, "bulk issue, rows checked");
  await page.getByTestId("bulk-start-over").click();

  // A failed charge: the reason in words, the timeline, the raw code kept as data.
  const failed = await createChargeViaApi(page, { customerName: unique("シッパイ") });
  const res = await page.request.post(`${simUrl(failed.authorizeUri)}/pay/${failed.id}/fail`, { form: { failure_code: "payment_cancelled" } });
  expect(res.ok()).toBe(true);
  await page.goto(`/charges/${failed.id}`);
  await expect(page.getByTestId("status-badge")).toHaveText(ja ? "失敗" : "Failed", { timeout: 20_000 });
  await expect(page.getByTestId("timeline-failure")).toHaveText(ja ? "お客様がお支払いを取り消しました" : "The customer cancelled the payment.");
  await walk.look(page, "failed charge");

  // A paid charge's refunds panel: the form's messages, a recorded refund, the transfer dialog.
  const paid = await createChargeViaApi(page, { customerName: unique("ヘンキン") });
  expect((await page.request.post(`${simUrl(paid.authorizeUri)}/pay/${paid.id}/pay`)).ok()).toBe(true);
  await page.goto(`/charges/${paid.id}`);
  await expect(page.getByTestId("refunds-panel")).toBeVisible({ timeout: 20_000 });
  await walk.look(page, "paid charge, refunds");
  await page.locator("#refund-bankCode").fill("1");
  await page.locator("#refund-branchCode").fill("1");
  await page.locator("#refund-accountNumber").fill("123456789");
  await page.locator("#refund-holderKana").fill("山田");
  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("error-refund-holderKana")).toBeVisible();
  await walk.look(page, "paid charge, refund form errors");
  await page.locator("#refund-bankCode").fill("0001");
  await page.locator("#refund-branchCode").fill("123");
  await page.locator("#refund-accountNumber").fill("1234567");
  await page.locator("#refund-holderKana").fill("ﾔﾏﾀﾞ ﾀﾛｳ");
  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("refund-item")).toBeVisible();
  await walk.look(page, "paid charge, refund requested");
  await page.getByTestId("refund-transfer").click();
  await expect(page.getByTestId("refund-confirm")).toBeVisible();
  await walk.look(page, "refund transfer dialog");
  await page.getByTestId("refund-confirm-confirm").click();
  await expect(page.getByTestId("charge-refunded")).toBeVisible();
  await walk.look(page, "paid charge, refund transferred");

  // A pending charge with its read-back, and the expire dialog.
  // Due in 5 minutes, so it is on the queue's first page (soonest first) however many charges
  // earlier tests left pending with the default deadline.
  const pending = await createChargeViaApi(page, { customerName: unique("マチ"), description: "電話注文 #12", expiresAt: new Date(Date.now() + 5 * 60_000).toISOString() });
  await page.goto("/charges/expiring");
  await expect(page.locator(`[data-testid="expiring-row"][data-charge-id="${pending.id}"]`)).toBeVisible();
  await walk.look(page, "expiring queue");
  await page.goto(`/charges/${pending.id}`);
  await walk.look(page, "pending charge");
  // The link by email: captured in the demo, shown on the charge and in the outbox.
  await page.getByTestId("send-email").click();
  await expect(page.locator('[data-testid="message-item"][data-state="captured"]')).toBeVisible({ timeout: 20_000 });
  await walk.look(page, "pending charge, email captured");
  await page.goto("/outbox");
  await expect(page.getByTestId("outbox-message").first()).toBeVisible();
  await walk.look(page, "outbox");
  await page.goto(`/charges/${pending.id}`);
  await page.getByTestId("expire-now").click();
  await expect(page.getByTestId("expire-dialog")).toBeVisible();
  await walk.look(page, "expire dialog");
  await page.getByTestId("expire-confirm").click();
  await expect(page.getByTestId("status-badge")).toHaveText(ja ? "期限切れ" : "Expired");
  await walk.look(page, "expired charge");

  // Health, after a delivery with a bad signature so the rejection reason shows.
  const ts = String(Math.floor(Date.now() / 1000));
  const body = JSON.stringify({ object: "event", id: `evnt_test_words${Date.now()}`, key: "charge.create" });
  const bad = createHmac("sha256", "wrong").update(`${ts}.${body}`).digest("hex");
  await page.request.post("/api/webhooks/omise", { data: body, headers: { "Content-Type": "application/json", "Omise-Signature": bad, "Omise-Signature-Timestamp": ts } });
  await page.goto("/health");
  await expect(page.getByTestId("health-rejected")).toContainText("mismatch");
  await walk.look(page, "health");

  await page.goto("/users");
  await walk.look(page, "users");
  // The confirm dialogs with the admin's password and the reset reason (cancelled: nothing changes).
  const other = page.locator('[data-testid="user-row"]').filter({ has: page.locator('[data-testid="user-toggle"]:not([disabled])') }).first();
  await other.getByTestId("user-reset").click();
  await expect(page.getByTestId("reset-dialog")).toBeVisible();
  await walk.look(page, "users, reset dialog");
  await page.keyboard.press("Escape");
  await other.getByTestId("user-toggle").click();
  await expect(page.getByTestId("disable-dialog")).toBeVisible();
  await walk.look(page, "users, disable dialog with password");
  await page.keyboard.press("Escape");

  await page.goto("/settings");
  await walk.look(page, "settings");
  await page.getByTestId("settings-reminders").uncheck();
  await page.getByTestId("settings-save").click();
  await expect(page.getByTestId("settings-off-dialog")).toBeVisible();
  await walk.look(page, "settings, turning reminders off");
  await page.getByTestId("settings-off-dialog-cancel").click();

  // The account page (signed-in devices) and the change-password page with its meter.
  await page.goto("/account");
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  await walk.look(page, "account");
  await page.getByTestId("revoke-all").click();
  await expect(page.getByTestId("revoke-all-dialog")).toBeVisible();
  await walk.look(page, "account, sign out everywhere dialog");
  await page.keyboard.press("Escape");
  await page.goto("/account/password");
  await page.locator("#pw-newPassword").fill("short");
  await expect(page.getByTestId("password-meter")).toBeVisible();
  await walk.look(page, "change password");
  await page.goto("/account/security");
  await expect(page.getByTestId("totp-status")).toBeVisible();
  await walk.look(page, "account security");
  // The audit log: this walk's own sign-in and charges are in it; then a filter it refuses.
  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await walk.look(page, "audit");
  await page.goto("/audit?action=charge.create&from=2026-02-30");
  await expect(page.getByTestId("audit-error")).toBeVisible();
  await walk.look(page, "audit, refused filter");
  // The webhook log: the list, one delivery with its payload and the "Process again" dialog, a filter.
  await page.goto("/webhooks");
  await expect(page.locator('[data-testid="webhook-open"]:visible').first()).toBeVisible();
  await walk.look(page, "webhooks");
  await page.locator('[data-testid="webhook-open"]:visible').first().click();
  await expect(page.getByTestId("webhook-payload")).toBeVisible();
  await walk.look(page, "webhook event");
  await page.getByTestId("webhook-process").click();
  await expect(page.getByTestId("webhook-process-dialog")).toBeVisible();
  await walk.look(page, "webhook event, process again dialog");
  await page.keyboard.press("Escape");
  await page.goto("/webhooks?state=failed");
  await walk.look(page, "webhooks, failed");
  // Analytics: the charts, a table, a refused range and an empty one.
  await page.goto("/analytics");
  await expect(page.getByTestId("analytics-outcomes")).toBeVisible();
  await walk.look(page, "analytics");
  await page.getByTestId("analytics-staff-toggle").click();
  await page.getByTestId("analytics-failures-toggle").click();
  await expect(page.getByTestId("analytics-staff-data")).toBeVisible();
  await walk.look(page, "analytics, tables");
  await page.goto("/analytics?from=2026-12-10&to=2026-12-01");
  await expect(page.getByTestId("analytics-error")).toBeVisible();
  await walk.look(page, "analytics, refused range");
  await page.goto("/analytics?from=2001-01-01&to=2001-01-07");
  await expect(page.getByTestId("analytics-empty")).toBeVisible();
  await walk.look(page, "analytics, empty range");
  expect((await page.goto("/no-such-page"))?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await walk.look(page, "404 signed in");
  // A real 404: the detail page has no loading boundary, so nothing is sent before the lookup fails.
  expect((await page.goto("/charges/chrg_test_doesnotexist"))?.status()).toBe(404);
  await expect(page.getByTestId("charge-not-found")).toBeVisible();
  await walk.look(page, "unknown charge");
}

async function walkSignedOut(page: Page, walk: Walk) {
  await page.goto("/login");
  await walk.look(page, "login");
  await page.locator('input[name="email"]').fill("nobody@example.jp");
  await page.locator('input[name="password"]').fill("wrong-password-123");
  await page.locator('button[type="submit"]').click();
  await expect(page.locator('form [role="alert"]')).toBeVisible();
  await walk.look(page, "login, wrong password");
  expect((await page.goto("/no-such-page"))?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await walk.look(page, "404 signed out");
}

for (const lang of ["ja", "en"] as const) {
  test(`every page speaks ${lang === "ja" ? "Japanese" : "English"} only, with its own title`, async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const walk = new Walk(lang);
    const base = baseURL ?? "";
    const simUrl = (uri: string) => new URL(uri).origin;

    const signedIn = await browser.newContext({ storageState: "playwright/.auth/admin.json", baseURL: base });
    await inLanguage(signedIn, lang, base);
    const page = await signedIn.newPage();
    watchConsole(page, walk);
    await walkSignedIn(page, walk, simUrl);
    await signedIn.close();

    const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL: base });
    await inLanguage(signedOut, lang, base);
    const anon = await signedOut.newPage();
    watchConsole(anon, walk);
    await walkSignedOut(anon, walk);
    await signedOut.close();

    expect(walk.problems).toEqual([]);
    // Every page has its own title: "<page> | <product>", in the same language.
    const product = lang === "ja" ? "コンビニデスク" : "Konbini Desk";
    const titles = [...walk.titles.entries()];
    expect(titles.filter(([, title]) => !title.endsWith(` | ${product}`))).toEqual([]);
    const page404 = lang === "ja" ? "ページが見つかりません" : "Page not found";
    expect(walk.titles.get("404 signed in")).toBe(`${page404} | ${product}`);
    expect(walk.titles.get("charges")).toBe(lang === "ja" ? "請求一覧 | コンビニデスク" : "Charges | Konbini Desk");
    expect(new Set([walk.titles.get("overview"), walk.titles.get("charges"), walk.titles.get("new charge"), walk.titles.get("failed charge"), walk.titles.get("health"), walk.titles.get("users"), walk.titles.get("login")]).size).toBe(7);
  });
}

test("the checks catch English left on a Japanese page and Japanese left on an English one", () => {
  expect(wrongLanguage(["支払待ち", "Omise コード", "2026/12/10(木) 23:59 JST (UTC+09:00)", "例: taro@example.jp"], "ja")).toEqual([]);
  expect(wrongLanguage(["This page could not be found.", "payment_cancelled: payment was cancelled"], "ja")).toHaveLength(11);
  expect(wrongLanguage(["mismatch"], "ja")).toEqual(['"mismatch" in "mismatch"']);
  expect(wrongLanguage(["Pending", "Omise code"], "en")).toEqual([]);
  expect(wrongLanguage(["入金済み"], "en")).toHaveLength(1);
});
