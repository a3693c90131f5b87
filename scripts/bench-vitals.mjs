// npm run bench:vitals — lab web vitals of the list, the detail and the create page, signed in
// (issue 10: LCP ≤ 1.0 s on localhost, CLS ≤ 0.1, TBT ≤ 150 ms; INP ≤ 200 ms for switching a
// status tab, loading the next page and opening a charge from the list).
//
// Creates its own PostgreSQL database, seeds 5,000 charges (15,000 timeline events) with
// generate_series plus 30 made through the app's API (so the simulator knows them and they
// are the newest, the first page of the list), starts the built app (server.mjs) and the Omise
// simulator, and signs in over HTTP as an admin (REQUIRE_2FA=false for this bench user only).
// Then:
//  - Lighthouse 12.2.3 (node API, Debian's Chromium through chrome-launcher), desktop preset
//    (1350×940 screen, desktop user agent) with throttlingMethod "provided": no network or CPU
//    throttling, the page as served from localhost, cold cache (Lighthouse resets storage).
//    The session cookie is sent as an extra header. RUNS runs per page, the median reported.
//  - Playwright (Debian's Chromium, Desktop Chrome device) with `web-vitals` injected as an
//    init script (scripts/web-vitals-probe.mjs): LCP and CLS of each page, and INP, LCP and CLS
//    across each interaction, RUNS fresh page loads each, the median reported (the worst beside it).
// Writes docs/web-vitals.md. Options: --runs=N (default 5), --no-write (print only), --keep (leave
// the database), --lhr-dir=DIR (save each Lighthouse report there as JSON, for its diagnostics).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { chromium, devices } from "@playwright/test";
import { ROOT, buildIfStale, seed, signInOverHttp, startBuiltApp } from "./lib.mjs";
import { VITALS_TARGETS, median, readVitals, vitalsInitScript } from "./web-vitals-probe.mjs";
import { startSimulator } from "../simulator/server.mjs";
import { TEST_NEXTAUTH_SECRET, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, createPgDatabase } from "../tests/test-env.mjs";

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const RUNS = Math.max(1, Number(arg("runs") ?? 5));
const write = !process.argv.includes("--no-write");
const keep = process.argv.includes("--keep");
const lhrDir = arg("lhr-dir");
const PORT = Number(process.env.VITALS_PORT ?? 5330);
const SIM_PORT = Number(process.env.VITALS_SIM_PORT ?? 5331);
const BASE = `http://localhost:${PORT}`;
const CHARGES = 5_000;
const API_CHARGES = 30;
const ADMIN = { email: "vitals-admin@example.jp", password: "vitals-admin-password-2026" };
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

const started = Date.now();
const log = (...a) => console.log(`[vitals ${new Date().toISOString().slice(11, 19)}]`, ...a);
const load0 = os.loadavg();

await buildIfStale();
const db = await createPgDatabase(process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/postgres", "kd_vitals");
let app;
let sim;
try {
  sim = await startSimulator({ port: SIM_PORT, secretKey: TEST_SECRET_KEY, webhookSecret: TEST_WEBHOOK_SECRET, webhookUrl: `http://127.0.0.1:${PORT}/api/webhooks/omise` });
  const simUrl = `http://127.0.0.1:${SIM_PORT}`;
  const secrets = { nextauth: TEST_NEXTAUTH_SECRET, omiseKey: TEST_SECRET_KEY, webhook: TEST_WEBHOOK_SECRET };
  app = await startBuiltApp({ port: PORT, databaseUrl: db.url, omiseUrl: simUrl, secrets, env: { REQUIRE_2FA: "false" } });
  await seed({ DATABASE_URL: db.url, OMISE_API_URL: simUrl, OMISE_SECRET_KEY: TEST_SECRET_KEY, OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  await seedData();
  const cookie = await signInOverHttp({ baseUrl: BASE, email: ADMIN.email, password: ADMIN.password });
  const made = await createViaApi(cookie);
  const detailId = made.at(-1);
  log(`data ready (${Math.round((Date.now() - started) / 1000)} s); ${RUNS} runs each`);

  const pages = [
    { name: "list", path: "/charges", ready: '[data-testid="charges-table"]' },
    { name: "detail", path: `/charges/${detailId}`, label: "/charges/[id]", ready: '[data-testid="charge-detail"]' },
    { name: "create", path: "/charges/new", ready: '[data-testid="new-charge-form"]' },
  ];
  const lh = await runLighthouse(pages, cookie);
  const pw = await runPlaywright(pages, cookie);
  const report = renderReport({ lh, pw, seconds: (Date.now() - started) / 1000 });
  console.log(`\n${report}`);
  if (write) {
    writeFileSync(path.join(ROOT, "docs", "web-vitals.md"), report);
    log("wrote docs/web-vitals.md");
  }
} finally {
  app?.kill("SIGTERM");
  await sim?.close().catch(() => undefined);
  if (!keep) await new Promise((r) => setTimeout(r, 500)).then(() => db.drop()).catch(() => undefined);
  else log(`kept database ${db.url}`);
}

/** 5,000 charges over the last 60 days (the newest 300 pending) and 3 events each, as in npm run bench. */
async function seedData() {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
      SELECT 'vitals_staff_' || g, 'staff' || g || '@vitals.example.jp', 'スタッフ' || g, 'x', 'staff', now() FROM generate_series(1, 5) g`);
    await client.query(
      `INSERT INTO "Charge" (id, reference, status, amount, currency, "customerName", "customerEmail", "customerPhone", description,
         "createdById", "createdAt", "updatedAt", "expiresAt", "paidAt", "expiredAt", "failureCode", "failureMessage")
       SELECT 'chrg_vitals_' || lpad(g::text, 5, '0'), 'kd_vitals_' || g, s, 500 + (g * 37) % 50000, 'JPY',
         (ARRAY['スズキ', 'タナカ', 'サトウ', 'タカハシ', 'ワタナベ', 'イトウ', 'ヤマモト', 'ナカムラ'])[1 + g % 8] || ' ' || (ARRAY['花子', '太郎', '一郎', '美咲'])[1 + g % 4],
         'cust' || g || '@example.jp', '090' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0'), '電話注文 #' || g,
         'vitals_staff_' || (1 + g % 5), c, c, c + interval '3 days',
         CASE WHEN s = 'successful' THEN c + interval '5 hours' END,
         CASE WHEN s = 'expired' THEN c + interval '3 days' END,
         CASE WHEN s = 'failed' THEN 'payment_cancelled' END,
         CASE WHEN s = 'failed' THEN 'The customer cancelled the payment.' END
       FROM (SELECT g, now() - interval '10 minutes' - ((${CHARGES} - g) * interval '1000 seconds') AS c,
               CASE WHEN g > ${CHARGES - 300} THEN 'pending' WHEN g % 20 = 0 THEN 'failed' WHEN g % 4 = 0 THEN 'expired' ELSE 'successful' END AS s
             FROM generate_series(1, ${CHARGES}) g) x`,
    );
    await client.query(
      `INSERT INTO "ChargeEvent" (id, "chargeId", kind, source, "fromStatus", "toStatus", at)
       SELECT 'evt_vitals_' || g || '_' || k, 'chrg_vitals_' || lpad(g::text, 5, '0'),
         CASE k WHEN 1 THEN 'created' WHEN 2 THEN 'synced' ELSE 'status_changed' END,
         CASE k WHEN 1 THEN 'user' WHEN 2 THEN 'sync' ELSE 'webhook' END,
         CASE k WHEN 3 THEN 'pending' END, CASE k WHEN 3 THEN 'successful' END,
         now() - interval '10 minutes' - ((${CHARGES} - g) * interval '1000 seconds') + k * interval '1 minute'
       FROM generate_series(1, ${CHARGES}) g, generate_series(1, 3) k`,
    );
    await client.query(`VACUUM ANALYZE "Charge"`);
    await client.query(`VACUUM ANALYZE "ChargeEvent"`);
  } finally {
    await client.end();
  }
}

/** Charges made as a user makes them (POST /api/charges): the newest, known to the simulator. */
async function createViaApi(cookie) {
  const ids = [];
  for (let i = 0; i < API_CHARGES; i++) {
    const res = await fetch(`${BASE}/api/charges`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: BASE, "Content-Type": "application/json" },
      body: JSON.stringify({ amount: 1200 + i * 10, customerName: `ヤマダ タロウ${i}`, customerEmail: `yamada${i}@example.jp`, customerPhone: `0901234${String(5000 + i)}`, description: `電話注文 お弁当 ${i + 1} 個` }),
    });
    if (res.status !== 201) throw new Error(`POST /api/charges answered ${res.status}: ${await res.text()}`);
    ids.push((await res.json()).id);
  }
  return ids;
}

async function runLighthouse(pages, cookie) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
  const config = { ...desktopConfig, settings: { ...desktopConfig.settings, throttlingMethod: "provided", onlyCategories: ["performance"] } };
  const out = [];
  try {
    for (const p of pages) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await lighthouse(`${BASE}${p.path}`, { port: chrome.port, output: "json", logLevel: "error", extraHeaders: { Cookie: cookie } }, config);
        const lhr = r.lhr;
        if (lhrDir) {
          mkdirSync(lhrDir, { recursive: true });
          writeFileSync(path.join(lhrDir, `${p.name}-${i + 1}.json`), r.report);
        }
        if (new URL(lhr.finalDisplayedUrl).pathname !== p.path) throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}, not ${p.path} (not signed in?)`);
        if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const a = (id) => lhr.audits[id]?.numericValue;
        // Lighthouse gives no TBT when it finds no 5 s quiet window for TTI (NO_TTI_CPU_IDLE_PERIOD:
        // on a loaded machine the list's 5-second poll keeps it busy). Then it is summed here the
        // same way from its main-thread tasks, after FCP to the end of the trace (an upper bound).
        const tbtFromTasks = () => {
          const fcp = a("first-contentful-paint");
          const tasks = lhr.audits["main-thread-tasks"]?.details?.items ?? [];
          return tasks.filter((t) => t.startTime >= fcp).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
        };
        const tbtToEnd = a("total-blocking-time") === undefined;
        runs.push({
          LCP: a("largest-contentful-paint"),
          TBT: tbtToEnd ? tbtFromTasks() : a("total-blocking-time"),
          tbtToEnd,
          CLS: a("cumulative-layout-shift"),
          FCP: a("first-contentful-paint"),
          TTFB: a("server-response-time"),
          score: lhr.categories.performance.score,
          warnings: lhr.runWarnings,
          versions: { lighthouse: lhr.lighthouseVersion, userAgent: lhr.environment.hostUserAgent, benchmarkIndex: lhr.environment.benchmarkIndex },
        });
      }
      const m = (k) => median(runs.map((x) => x[k]));
      const row = { ...p, runs, tbtToEnd: runs.filter((x) => x.tbtToEnd).length, LCP: m("LCP"), TBT: m("TBT"), CLS: m("CLS"), FCP: m("FCP"), TTFB: m("TTFB"), score: m("score") };
      log(`lighthouse ${p.name}: LCP ${row.LCP.toFixed(0)} ms, TBT ${row.TBT.toFixed(0)} ms, CLS ${row.CLS.toFixed(3)}, FCP ${row.FCP.toFixed(0)} ms, TTFB ${row.TTFB.toFixed(0)} ms (runs: ${runs.map((x) => x.LCP.toFixed(0)).join(", ")})`);
      out.push(row);
    }
  } finally {
    await chrome.kill();
  }
  return out;
}

async function runPlaywright(pages, cookie) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS.filter((f) => !f.startsWith("--headless")) });
  const init = vitalsInitScript(ROOT);
  const cookies = cookie.split("; ").map((pair) => {
    const i = pair.indexOf("=");
    return { name: pair.slice(0, i), value: pair.slice(i + 1), url: BASE };
  });
  const fresh = async () => {
    const context = await browser.newContext({ ...devices["Desktop Chrome"], locale: "ja-JP", timezoneId: "Asia/Tokyo", baseURL: BASE });
    await context.addCookies(cookies);
    await context.addInitScript({ content: init });
    const page = await context.newPage();
    const csp = [];
    page.on("console", (m) => {
      if (m.type() === "error") csp.push(m.text());
    });
    return { context, page, csp };
  };
  const open = async (page, p) => {
    await page.goto(p.path);
    await page.locator(p.ready).waitFor();
    // Hydrated and the first requests done (the list polls every 5 s, which leaves idle gaps).
    await page.waitForLoadState("networkidle");
  };
  const interactions = [
    {
      name: "switch status tab",
      from: pages[0],
      act: async (page) => {
        await page.getByTestId("status-tab-pending").click();
        await page.locator('[data-testid="status-tab-pending"][aria-current="page"]').waitFor();
        await page.waitForLoadState("networkidle");
      },
    },
    {
      name: "next page (show more)",
      from: pages[0],
      act: async (page) => {
        await page.getByTestId("show-more").click();
        await page.locator('[data-testid="charge-row"]').nth(25).waitFor();
      },
    },
    {
      name: "open a charge from the list",
      from: pages[0],
      act: async (page) => {
        // A click on the row (its amount cell), as staff do, not on the name link.
        await page.getByTestId("charge-row").first().locator("td").nth(2).click();
        await page.locator('[data-testid="charge-detail"]').waitFor();
        await page.waitForLoadState("networkidle");
      },
    },
  ];
  const measure = async (p, act) => {
    const { context, page, csp } = await fresh();
    try {
      await open(page, p);
      if (act) await act(page);
      else await page.waitForTimeout(1000); // late shifts after load
      const v = await readVitals(page);
      if (csp.length) throw new Error(`console errors on ${p.path}: ${csp.join(" | ")}`);
      return v;
    } finally {
      await context.close();
    }
  };
  const summarise = (runs) => {
    const pick = (k) => runs.map((r) => r[k]?.value);
    const worst = (k) => Math.max(...pick(k).filter((x) => typeof x === "number"));
    return { LCP: median(pick("LCP")), CLS: median(pick("CLS")), INP: median(pick("INP")), worst: { LCP: worst("LCP"), CLS: worst("CLS"), INP: worst("INP") } };
  };
  const out = { pages: [], interactions: [], version: browser.version() };
  try {
    for (const p of pages) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(p));
      const s = summarise(runs);
      out.pages.push({ ...p, runs, ...s });
      log(`web-vitals ${p.name}: LCP ${s.LCP.toFixed(0)} ms (worst ${s.worst.LCP.toFixed(0)}), CLS ${s.CLS.toFixed(3)} (worst ${s.worst.CLS.toFixed(3)}); shifts ${JSON.stringify(runs.flatMap((r) => r.shifts).slice(0, 5))}`);
    }
    for (const it of interactions) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(it.from, it.act));
      const s = summarise(runs);
      out.interactions.push({ ...it, runs, ...s });
      log(`web-vitals ${it.name}: INP ${s.INP.toFixed(0)} ms (worst ${s.worst.INP.toFixed(0)}; runs ${runs.map((r) => r.INP?.value ?? "none").join(", ")}), CLS ${s.CLS.toFixed(3)}; INP parts ${JSON.stringify(runs[0].INP)}`);
    }
  } finally {
    await browser.close();
  }
  return out;
}

function renderReport({ lh, pw, seconds }) {
  const T = VITALS_TARGETS;
  const mark = (ok) => (ok ? "met" : "**not met**");
  const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : "—");
  const cls = (x) => (Number.isFinite(x) ? x.toFixed(3) : "—");
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  // web-vitals names the element by a CSS path of Tailwind classes; its last tag is enough here.
  const lcpElement = (lcp) => (lcp?.element ? `\`${lcp.element.split(">").at(-1).split(".")[0].replace(/[|`]/g, "")}\`` : "(not named: gone from the page when reported)");
  const chromiumVersion = `Chromium ${pw.version}`;
  const v = lh[0].runs[0].versions;
  const load1 = os.loadavg();
  const lines = [
    "# Lab web vitals: list, detail and create",
    "",
    `Measured by \`npm run bench:vitals\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}; ` +
      `load average ${load0[0].toFixed(1)} at the start and ${load1[0].toFixed(1)} at the end${load0[0] > 1.5 ? " (the machine was still busy when the run began: the timings are noisier and slower than on an idle machine)" : ""}; the load at the end is this run's own browser, server and database. ` +
      `Lighthouse ${v.lighthouse} (benchmarkIndex ${Math.round(v.benchmarkIndex)}) and Playwright drove ${chromiumVersion} (Debian's package, headless); the whole run took ${Math.round(seconds)} s.`,
    "",
    `Data: ${CHARGES.toLocaleString()} charges and ${(CHARGES * 3).toLocaleString()} timeline events seeded with \`generate_series\`, plus ${API_CHARGES} charges made through \`POST /api/charges\` ` +
      "(the newest, so the list's first page and the detail page show charges the Omise simulator knows). The built app (`server.mjs`) on PostgreSQL, on localhost, signed in as an admin (REQUIRE_2FA=false for this bench user).",
    "",
    "## Lighthouse (page loads)",
    "",
    `Lighthouse's desktop preset (1350×940, desktop user agent) with \`throttlingMethod: "provided"\`: no network or CPU throttling, so the numbers are what a browser on this machine sees from localhost, with a cold cache (Lighthouse clears storage before each run). ` +
      `The session cookie is sent as an extra request header. Median of ${RUNS} runs per page.`,
    "",
    "| page | LCP | target | | TBT | target | | CLS | target | | FCP | TTFB | score |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...lh.map((r) => `| ${r.label ?? r.path} | ${ms(r.LCP)} | ≤ ${T.LCP} ms | ${mark(r.LCP <= T.LCP)} | ${ms(r.TBT)}${r.tbtToEnd ? " †" : ""} | ≤ ${T.TBT} ms | ${mark(r.TBT <= T.TBT)} | ${cls(r.CLS)} | ≤ ${T.CLS} | ${mark(r.CLS <= T.CLS)} | ${ms(r.FCP)} | ${ms(r.TTFB)} | ${Math.round(r.score * 100)} |`),
    "",
    ...(lh.some((r) => r.tbtToEnd)
      ? [`† In ${lh.map((r) => (r.tbtToEnd ? `${r.tbtToEnd} of ${RUNS} runs of ${r.label ?? r.path}` : "")).filter(Boolean).join(", ")} Lighthouse found no 5 s quiet window for Time to Interactive (NO_TTI_CPU_IDLE_PERIOD) and gave no TBT; those runs' TBT is summed from its main-thread tasks after FCP to the end of the trace (the same sum Lighthouse makes up to TTI, so an upper bound).`, ""]
      : []),
    "LCP per run (ms): " + lh.map((r) => `${r.name} ${r.runs.map((x) => Math.round(x.LCP)).join(", ")}`).join("; ") + ". TBT per run (ms): " + lh.map((r) => `${r.name} ${r.runs.map((x) => Math.round(x.TBT)).join(", ")}`).join("; ") + ".",
    "",
    "## web-vitals in Playwright (page loads)",
    "",
    `The \`web-vitals\` library (attribution build) injected into every document with Playwright's \`addInitScript\` (the app's nonce + \`'strict-dynamic'\` CSP is unchanged and reported no violation); Desktop Chrome device (1280×720), ja-JP. ` +
      `Each run is a fresh context: load the page, wait until it is hydrated and the network is idle, 1 s more for late shifts, then read the final values. Median of ${RUNS} runs (worst in brackets).`,
    "",
    "| page | LCP | target | | CLS | target | | LCP element (first run) |",
    "|---|---|---|---|---|---|---|---|",
    ...pw.pages.map((r) => `| ${r.label ?? r.path} | ${ms(r.LCP)} (${ms(r.worst.LCP)}) | ≤ ${T.LCP} ms | ${mark(r.LCP <= T.LCP)} | ${cls(r.CLS)} (${cls(r.worst.CLS)}) | ≤ ${T.CLS} | ${mark(r.CLS <= T.CLS)} | ${lcpElement(r.runs[0].LCP)} |`),
    "",
    "## Interactions (INP)",
    "",
    "Each run loads /charges as above, then does the interaction once and waits for its result (the pending tab current and its rows loaded; the 26th row shown; the charge's detail page shown). " +
      "INP is web-vitals' value for that page's life (here: that one interaction, any event over 16 ms observed); CLS is over the whole life, the interaction's aftermath included.",
    "",
    "| interaction | INP | target | | CLS | target | | input delay / processing / presentation (first run) |",
    "|---|---|---|---|---|---|---|---|",
    ...pw.interactions.map((r) => {
      const a = r.runs[0].INP;
      const parts = a ? `${Math.round(a.inputDelay)} / ${Math.round(a.processing)} / ${Math.round(a.presentation)} ms` : "—";
      return `| ${r.name} | ${ms(r.INP)} (${ms(r.worst.INP)}) | ≤ ${T.INP} ms | ${mark(r.INP <= T.INP)} | ${cls(r.CLS)} (${cls(r.worst.CLS)}) | ≤ ${T.CLS} | ${mark(r.CLS <= T.CLS)} | ${parts} |`;
    }),
    "",
    "`npm test` checks CLS on the three pages and INP of the three interactions with the same library (e2e/web-vitals.spec.ts); LCP and TBT are only measured here, where the machine's load is known.",
    "",
    "## Reading these numbers",
    "",
    "- The pages stream: the header and the route's loading skeleton (`loading.tsx`) come first, the page's content when its queries are done. " +
      "React 19.2 reveals streamed content no sooner than 300 ms after the previous paint (its `$RC`/`$RV` inline runtime throttles Suspense reveals), so on these pages LCP is at least FCP + 300 ms, however fast the server answers. " +
      "The LCP element is part of the page's content (on the detail page the payment link, on the create page the deadline preview), never the skeleton.",
    "- The list's columns have fixed widths from the `md` breakpoint up (`table-layout: fixed`): with automatic table layout, the next page's rows (wider names or amounts) re-flowed every column on screen, a layout shift of about 0.7 when the page took over 500 ms to arrive. " +
      "The \"show more\" button is keyed by its cursor, so the rows it loads do not count as moving it.",
    "- Lighthouse 12.2.3's trace engine cannot read Chromium 156's screenshot trace events: its diagnostics *LCP element*, *layout shift culprits* and *render-blocking resources* error out (`frame_sequence`). The metrics above do not depend on them.",
    "- TBT is the main thread's long tasks (hydrating React and the page's client components) past 50 ms each; on a loaded machine the same work takes several times longer, so TBT and LCP move most with the load average.",
    "",
  ];
  return lines.join("\n");
}
