// Lab web vitals in a Playwright page with Google's `web-vitals` library (its attribution
// build, read from node_modules). Shared by `npm run bench:vitals` and e2e/web-vitals.spec.ts.
//
// The library goes in as an init script (Playwright's addInitScript, which Chromium runs in
// every document before the page's own scripts and outside the page's Content-Security-Policy,
// so the app's nonce + 'strict-dynamic' policy stays as it is and reports nothing). The page
// keeps the latest value of each metric (reportAllChanges). readVitals() then "hides" the page
// the way web-vitals' own tests do (document.visibilityState = "hidden" and a visibilitychange
// event), which makes the library report its final LCP, CLS and INP.
import { readFileSync } from "node:fs";
import path from "node:path";


/** Issue 10's lab targets. */
export const VITALS_TARGETS = { LCP: 1000, CLS: 0.1, TBT: 150, INP: 200 };

const RECORD = `
(() => {
  if (window !== window.top || window.__vitals) return;
  const v = (window.__vitals = { LCP: null, CLS: null, INP: null, shifts: [] });
  const all = { reportAllChanges: true };
  webVitals.onLCP((m) => {
    v.LCP = { value: m.value, element: m.attribution.target ?? null, ttfb: m.attribution.timeToFirstByte, renderDelay: m.attribution.elementRenderDelay };
  }, all);
  webVitals.onCLS((m) => {
    v.CLS = { value: m.value, largestShiftTarget: m.attribution.largestShiftTarget ?? null };
  }, all);
  // 16 ms: every interaction longer than one frame is seen, not only those over the default 40 ms.
  webVitals.onINP((m) => {
    const a = m.attribution;
    v.INP = { value: m.value, target: a.interactionTarget, type: a.interactionType, inputDelay: a.inputDelay, processing: a.processingDuration, presentation: a.presentationDelay };
  }, { ...all, durationThreshold: 16 });
  // Every layout shift with its sources, to find out what moved when CLS is not zero.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      v.shifts.push({ at: Math.round(e.startTime), value: e.value, recent: e.hadRecentInput, sources: (e.sources || []).map((s) => (s.node && s.node.nodeType === 1 ? s.node.tagName.toLowerCase() + (s.node.id ? "#" + s.node.id : "") + (s.node.getAttribute("data-testid") ? "[data-testid=" + s.node.getAttribute("data-testid") + "]" : "") : String(s.node && s.node.nodeName))) });
    }
  }).observe({ type: "layout-shift", buffered: true });
})();`;

/**
 * The init script: the web-vitals IIFE build and the recorder above. `root` is the repository
 * (default: the working directory, where npm scripts and Playwright run; Playwright's loader
 * compiles this file too, which rules out import.meta here).
 */
export function vitalsInitScript(root = process.cwd()) {
  const lib = readFileSync(path.join(root, "node_modules", "web-vitals", "dist", "web-vitals.attribution.iife.js"), "utf8");
  return `${lib}\n${RECORD}`;
}

/**
 * Final LCP, CLS and INP (ms, unitless, ms; null where the page reported none) of the page's
 * life so far. Hides the page to get them: call once, at the end of a measurement.
 */
export async function readVitals(page) {
  // Let pending event-timing entries reach the observer (they are delivered after the next paint).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  return page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
    const v = window.__vitals;
    if (!v) throw new Error("web-vitals was not injected into this page");
    return { LCP: v.LCP, CLS: v.CLS, INP: v.INP, shifts: v.shifts };
  });
}

export function median(values) {
  const s = values.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
