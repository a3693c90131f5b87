import { test as base, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { TEXT, type Lang, type Text } from "./text";

// Every page a test opens is watched: a console error, an uncaught exception or a failed
// request fails the test unless the test declared it with expectProblems(). Declared ones
// must then happen, so an allowance cannot outlive the problem it was written for.

// Content-Security-Policy (S8): a violation is reported to the page as a `securitypolicyviolation`
// event; this script, in every page and frame before the app's own, turns each into a console
// error with this prefix. A CSP violation can never be declared with expectProblems().
const CSP_PREFIX = "CSP violation:";
const CSP_LISTENER = `document.addEventListener("securitypolicyviolation", (e) => {
  console.error(${JSON.stringify(CSP_PREFIX)} + " " + e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber + " (" + e.disposition + ")");
}, true);`;

const WATCHED_TYPES = new Set(["document", "script", "stylesheet", "image", "font", "fetch", "xhr"]);

class ProblemWatch {
  readonly seen: string[] = [];
  readonly expected: RegExp[] = [];
  private readonly loadErrors: string[] = [];
  private readonly requestProblems = new Set<string>();
  private readonly live = new Set<BrowserContext>();

  /** Watch a context; the CSP listener goes in before any page of it opens. */
  async watch(context: BrowserContext) {
    await context.addInitScript({ content: CSP_LISTENER });
    this.live.add(context);
    const note = (problem: string) => {
      if (this.live.has(context)) this.seen.push(problem);
    };
    context.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const url = msg.location().url || msg.page()?.url() || "?";
      // Chromium's own line for a failed load repeats a request problem noted below.
      if (msg.text().startsWith("Failed to load resource")) this.loadErrors.push(url);
      // Chromium's own report of a blocked script/style/connection, besides the event above.
      if (/^Refused to .*Content Security Policy/.test(msg.text())) return note(`${CSP_PREFIX} ${msg.text()} (${url})`);
      note(`console.error: ${msg.text()} (${url})`);
    });
    context.on("weberror", (err) => note(`page error: ${err.error().message}`));
    context.on("requestfailed", (req) => {
      const reason = req.failure()?.errorText ?? "failed";
      // The page itself cancelled it (navigation away, an aborted prefetch): not a network failure.
      if (reason === "net::ERR_ABORTED") return;
      this.requestProblems.add(req.url());
      note(`request failed: ${req.method()} ${req.url()} (${reason})`);
    });
    context.on("response", (res) => {
      const type = res.request().resourceType();
      if (res.status() < 400 || !WATCHED_TYPES.has(type)) return;
      this.requestProblems.add(res.url());
      note(`HTTP ${res.status()}: ${res.request().method()} ${res.url()} (${type})`);
    });
  }

  /** Stop listening before the context closes: closing cancels whatever is in flight. */
  stop(context: BrowserContext) {
    this.live.delete(context);
  }

  verdict(): string | null {
    const duplicate = (p: string) =>
      p.startsWith("console.error: Failed to load resource") && this.loadErrors.some((url) => this.requestProblems.has(url) && p.endsWith(`(${url})`));
    const csp = (p: string) => p.includes(CSP_PREFIX);
    const unexpected = this.seen.filter((p) => !duplicate(p) && (csp(p) || !this.expected.some((re) => re.test(p))));
    const missing = this.expected.filter((re) => !this.seen.some((p) => re.test(p)));
    if (unexpected.length === 0 && missing.length === 0) return null;
    return [
      ...unexpected.map((p) => `unexpected ${p}`),
      ...missing.map((re) => `expected a problem matching ${re} but none happened`),
    ].join("\n");
  }
}

const watches = new WeakMap<BrowserContext, ProblemWatch>();

/** Declare problems this test causes on purpose (e.g. a page meant to answer 404). */
export function expectProblems(page: Page, patterns: RegExp[]) {
  const watch = watches.get(page.context());
  if (!watch) throw new Error("expectProblems: this page's context is not watched (use the fixtures' context or newContext)");
  watch.expected.push(...patterns);
}

type Fixtures = {
  /** The UI language of this project ("ja" default, "en" for the English project). */
  lang: Lang;
  /** The visible texts in that language. */
  t: Text;
  /** A fresh browser context (no session unless given one), watched like the default one. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  problems: ProblemWatch;
};

function langCookie(baseURL: string | undefined, lang: Lang) {
  return { name: "kd_locale", value: lang, url: baseURL ?? "http://localhost:3100" };
}

async function openWatched(browser: Browser, watch: ProblemWatch, options: BrowserContextOptions, lang: Lang, baseURL?: string) {
  const context = await browser.newContext(options);
  if (lang !== "ja") await context.addCookies([langCookie(baseURL, lang)]);
  watches.set(context, watch);
  await watch.watch(context);
  return context;
}

export const test = base.extend<Fixtures>({
  lang: ["ja", { option: true }],
  t: async ({ lang }, use) => use(TEXT[lang]),
  problems: [
    async ({}, use, testInfo) => {
      const watch = new ProblemWatch();
      await use(watch);
      const verdict = watch.verdict();
      if (verdict) {
        await testInfo.attach("browser problems", { body: watch.seen.join("\n"), contentType: "text/plain" });
        throw new Error(`Browser problems this test did not expect:\n${verdict}`);
      }
    },
    { auto: true },
  ],
  context: async ({ context, problems, lang, baseURL }, use) => {
    if (lang !== "ja") await context.addCookies([langCookie(baseURL, lang)]);
    watches.set(context, problems);
    await problems.watch(context);
    await use(context);
    problems.stop(context);
  },
  newContext: async ({ browser, problems, lang, baseURL, contextOptions, viewport, isMobile, hasTouch, locale, timezoneId, userAgent, deviceScaleFactor }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (options = {}) => {
      const base = { baseURL, viewport, isMobile, hasTouch, locale, timezoneId, userAgent, deviceScaleFactor, ...contextOptions };
      const context = await openWatched(browser, problems, { storageState: { cookies: [], origins: [] }, ...base, ...options }, lang, baseURL);
      opened.push(context);
      return context;
    });
    for (const context of opened) {
      problems.stop(context);
      await context.close();
    }
  },
});

export { expect };
