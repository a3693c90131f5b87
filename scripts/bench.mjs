// npm run bench — one million charges: every list, search and page measured on this machine.
//
// Creates its own PostgreSQL database, seeds 1,000,000 charges (20 staff, a year of history,
// the last 10,000 pending) and 3,000,000 timeline events with generate_series, starts the built
// app (server.mjs) pinned to core 0, signs in, and loads each request below from this process
// (pinned to core 1) with 10 connections for 15 s (--short: 5 s), recording every request's
// time to first byte and to the last byte. Beside it, a bare node:http server running the same
// list SQL through `pg` gives the baseline for the throughput ratio. It also checks the query
// plans at this size with the planner left alone, the cost of 50 idle tabs polling, and webhook
// acknowledgement latency, then writes docs/performance.md and docs/performance.svg.
// Options: --short (5 s per URL), --keep (leave the database), --no-write (print only),
// --only=<regex> (measure only the requests whose name matches; implies --no-write).
// Environment: BENCH_PORT, BENCH_SIM_PORT, BENCH_BASELINE_PORT (defaults 3230, 4330, 3231) move
// the servers it starts; BENCH_DATABASE_URL reuses a database a --keep run left (seeded once,
// never dropped: the runs after it skip the seeding).
import { spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ROOT, buildIfStale, seed, startBuiltApp, waitForUrl } from "./lib.mjs";
import { seedCharges, signInAs, waitForReminderCatchUp } from "./bench-seed.mjs";
import { TEST_NEXTAUTH_SECRET, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, createPgDatabase } from "../tests/test-env.mjs";

const short = process.argv.includes("--short");
const keep = process.argv.includes("--keep");
const onlyArg = process.argv.find((a) => a.startsWith("--only="));
const only = onlyArg ? new RegExp(onlyArg.slice("--only=".length), "i") : null;
const write = !process.argv.includes("--no-write") && !only;
const PORT = Number(process.env.BENCH_PORT || 3230);
const SIM_PORT = Number(process.env.BENCH_SIM_PORT || 4330);
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT || 3231);
const reuseUrl = process.env.BENCH_DATABASE_URL || "";
const CHARGES = 1_000_000;
const EVENTS_PER_CHARGE = 3;
const CONNECTIONS = 10;
const SECONDS = short ? 5 : 15;
const RATIO_ROUNDS = 5;
// The app's own statement for the first page of GET /api/charges?limit=25, as lib/charges/page-rows.ts
// (pageRowsSql) and list-charges.ts (createdPageSql) build it: the ids' index range scan and the
// rows with their creator in one statement.
const APP_PAGE_SQL = `SELECT c."id", c."reference", c."status", c."amount", c."currency", c."customerName", c."customerEmail", c."customerPhone", c."description", c."authorizeUri", c."paymentCode", c."expiresAt", c."paidAt", c."expiredAt", c."failureCode", c."failureMessage", c."createdAt", c."lastSyncedAt", c."reissuedFromId", c."reissuedToId", c."remindersEnabled", c."refundedAmount", c."createdById", u."name" AS "createdByName", u."email" AS "createdByEmail"
    FROM (SELECT "id", "createdAt" FROM "Charge" WHERE TRUE ORDER BY "createdAt" DESC, "id" DESC LIMIT 26) k JOIN "Charge" c ON c."id" = k."id" JOIN "User" u ON u."id" = c."createdById"
    ORDER BY k."createdAt" DESC, k."id" DESC`;
const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"]).stdout?.toString().trim() || 100);
const ADMIN = { email: "bench-admin@example.jp", password: "bench-admin-password-2026" };

const cores = os.availableParallelism();
const canPin = cores >= 2 && spawnSync("taskset", ["-cp", "1", String(process.pid)], { stdio: "ignore" }).status === 0;
const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

await buildIfStale();
const db = reuseUrl
  ? { url: reuseUrl, drop: async () => undefined }
  : await createPgDatabase(process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/postgres", "kd_bench1m");
const client = new pg.Client({ connectionString: db.url });
let app;
let simulator;
let baseline;
try {
  simulator = spawn(process.execPath, [path.join(ROOT, "simulator", "server.mjs")], {
    cwd: ROOT,
    env: { ...process.env, OMISE_SIM_PORT: String(SIM_PORT), OMISE_SECRET_KEY: TEST_SECRET_KEY, OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET },
    stdio: "ignore",
  });
  const simUrl = `http://127.0.0.1:${SIM_PORT}`;
  await waitForUrl(`${simUrl}/charges`);
  const secrets = { nextauth: TEST_NEXTAUTH_SECRET, omiseKey: TEST_SECRET_KEY, webhook: TEST_WEBHOOK_SECRET };
  // Migrates, then starts; the seed needs the tables, so the app is restarted after seeding.
  app = await startBuiltApp({ port: PORT, databaseUrl: db.url, omiseUrl: simUrl, secrets, cpu: canPin ? 0 : undefined, env: { REQUIRE_2FA: "false" } });
  await seed({ DATABASE_URL: db.url, OMISE_API_URL: simUrl, OMISE_SECRET_KEY: TEST_SECRET_KEY, OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  await client.connect();
  const seeded = reuseUrl && Number((await client.query(`SELECT count(*) AS c FROM "Charge"`)).rows[0].c) === CHARGES;
  if (seeded) log(`reusing the ${CHARGES.toLocaleString()} charges in ${reuseUrl}`);
  const seedSeconds = seeded ? NaN : await seedCharges(client, { charges: CHARGES, eventsPerCharge: EVENTS_PER_CHARGE, log });
  const reminders = await waitForReminderCatchUp(client, { log });
  const cookie = await signInAs(`http://127.0.0.1:${PORT}`, ADMIN);
  const sample = await sampleIds();

  const requests = [
    { name: "GET /api/charges?limit=25", path: "/api/charges?limit=25", kind: "list", target: 50 },
    { name: "GET /api/charges?status=pending&limit=25", path: "/api/charges?status=pending&limit=25", kind: "list", target: 50 },
    { name: "… its next page", path: `/api/charges?status=pending&limit=25&cursor=${sample.pendingCursor}`, kind: "list", target: 50 },
    { name: "GET /api/charges?status=successful&limit=25 (page 2)", path: `/api/charges?status=successful&limit=25&cursor=${sample.successfulCursor}`, kind: "list", target: 50 },
    { name: "GET /api/charges?status=pending&sort=deadline", path: "/api/charges?status=pending&sort=deadline&limit=25", kind: "list", target: 50 },
    { name: "GET /api/charges/counts", path: "/api/charges/counts", kind: "list", target: 50 },
    { name: "search: phone 09012345", path: `/api/charges?q=${encodeURIComponent(sample.phonePrefix)}`, kind: "search", target: 100 },
    { name: "search: email cust777777@example.jp", path: "/api/charges?q=cust777777%40example.jp", kind: "search", target: 100 },
    { name: "search: name スズキ12 (katakana)", path: `/api/charges?q=${encodeURIComponent("スズキ12")}`, kind: "search", target: 100 },
    { name: "search: name ｽｽﾞｷ12 (half-width)", path: `/api/charges?q=${encodeURIComponent("ｽｽﾞｷ12")}`, kind: "search", target: 100 },
    { name: "search: name すずき12 (hiragana)", path: `/api/charges?q=${encodeURIComponent("すずき12")}`, kind: "search", target: 100 },
    { name: "search: charge id", path: `/api/charges?q=${sample.chargeId}`, kind: "search", target: 100 },
    { name: "search: reference", path: `/api/charges?q=${sample.reference}`, kind: "search", target: 100 },
    { name: "search: description 電話注文 #424242", path: `/api/charges?q=${encodeURIComponent("電話注文 #424242")}`, kind: "search", target: 100 },
    { name: "GET /charges (page)", path: "/charges", kind: "page", target: 300 },
    { name: "GET /charges/[id] (page)", path: `/charges/${sample.chargeId}`, kind: "page", target: 300 },
    { name: "GET /charges/expiring (page)", path: "/charges/expiring", kind: "page", target: 300 },
    { name: "GET / (overview page)", path: "/", kind: "page", target: 300 },
    { name: "GET /api/overview", path: "/api/overview", kind: "list", target: 50 },
  ];
  const results = [];
  for (const r of requests.filter((x) => !only || only.test(x.name) || x === requests[0])) {
    const m = await load({ port: PORT, path: r.path, cookie, seconds: SECONDS, cpuPid: app.pid });
    const p95 = r.kind === "page" ? m.ttfb.p95 : m.total.p95;
    results.push({ ...r, ...m, p95, met: p95 <= r.target && m.errors === 0 });
    log(`${r.name}: p50 ${fmt(r.kind === "page" ? m.ttfb.p50 : m.total.p50)} p95 ${fmt(p95)} ms, ${m.rps.toFixed(0)} req/s, ${m.errors} errors, ${m.cpuMsPerRequest.toFixed(2)} ms of app CPU per request${m.lean ? ` (lean listener: ${m.lean} of ${m.requests})` : ""}`);
  }

  // The ratio: the list API against a bare node:http server running the same SQL through pg.
  // Measured side by side: alternating short windows of the app and the bare server, so a machine
  // whose load changes during the run (a shared CI host) weighs on both alike; the ratio is the
  // median of the rounds' ratios.
  baseline = await startBaseline();
  const bare = await load({ port: BASELINE_PORT, path: "/", cookie: "", seconds: SECONDS });
  if (bare.errors) throw new Error(`the bare server answered ${bare.errors} errors (${JSON.stringify(bare.statuses)}), so the ratio would mean nothing`);
  const appList = results[0];
  log(`bare node:http + pg: ${bare.rps.toFixed(0)} req/s; app/bare in separate windows = ${(appList.rps / bare.rps).toFixed(2)}`);
  const rounds = [];
  for (let i = 0; i < RATIO_ROUNDS; i++) {
    const a = await load({ port: PORT, path: requests[0].path, cookie, seconds: 2, cpuPid: app.pid });
    const b = await load({ port: BASELINE_PORT, path: "/", cookie: "", seconds: 2 });
    const u = await load({ port: BASELINE_PORT, path: "/unnamed", cookie: "", seconds: 2 });
    for (const [what, r] of [["the app", a], ["the bare server", b], ["the unnamed bare server", u]]) if (r.errors) throw new Error(`the ratio's round ${i + 1}: ${what} answered ${r.errors} errors (${JSON.stringify(r.statuses)}), so its throughput means nothing`);
    rounds.push({ app: a.rps, bare: b.rps, unnamed: u.rps, ratio: a.rps / b.rps, unnamedRatio: a.rps / u.rps, appCpuMs: a.cpuMsPerRequest });
    log(`  round ${i + 1}: app ${a.rps.toFixed(0)} req/s (${a.cpuMsPerRequest.toFixed(2)} ms of app CPU per request), bare ${b.rps.toFixed(0)} req/s, ratio ${(a.rps / b.rps).toFixed(2)}; bare unnamed ${u.rps.toFixed(0)} req/s, ratio ${(a.rps / u.rps).toFixed(2)}`);
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const ratio = median(rounds.map((r) => r.ratio));
  const unnamedRatio = median(rounds.map((r) => r.unnamedRatio));
  log(`app/bare, median of ${rounds.length} alternating rounds = ${ratio.toFixed(2)} (against the unnamed baseline: ${unnamedRatio.toFixed(2)})`);

  // A partial run (--only): the lines above are its result.
  if (!only) {
    const plans = await checkPlans();
    const idle = await idlePolling(cookie);
    const webhook = await webhookAck();

    const report = renderReport({ seedSeconds, results, bare, rounds, ratio, unnamedRatio, plans, idle, webhook, reminders });
    console.log(`\n${report}`);
    if (write) {
      writeFileSync(path.join(ROOT, "docs", "performance.md"), report);
      writeFileSync(path.join(ROOT, "docs", "performance.svg"), renderChart(results));
      log("wrote docs/performance.md and docs/performance.svg");
    }
  }
} finally {
  app?.kill("SIGTERM");
  simulator?.kill("SIGTERM");
  baseline?.close();
  await client.end().catch(() => undefined);
  if (!keep && !reuseUrl) await db.drop().catch(() => undefined);
  else log(`kept database ${db.url} (BENCH_DATABASE_URL=${db.url} reuses it)`);
}

function fmt(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

async function sampleIds() {
  const cursor = async (status, offset) => {
    const { rows } = await client.query(`SELECT id, "createdAt" FROM "Charge" WHERE status = $1 ORDER BY "createdAt" DESC, id DESC OFFSET $2 LIMIT 1`, [status, offset]);
    return Buffer.from(`${rows[0].createdAt.toISOString()}|${rows[0].id}`).toString("base64url");
  };
  const { rows } = await client.query(`SELECT id, reference, "customerPhone" FROM "Charge" WHERE id = 'chrg_bench_0424242'`);
  return { pendingCursor: await cursor("pending", 24), successfulCursor: await cursor("successful", 24), chargeId: rows[0].id, reference: rows[0].reference, phonePrefix: rows[0].customerPhone.slice(0, 8) };
}

/** A process's CPU time so far (utime + stime), in clock ticks. */
function cpuTicks(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(f[11]) + Number(f[12]);
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** CONNECTIONS keep-alive loops for `seconds`; every request's TTFB and total time. */
async function load({ port, path: p, cookie, seconds, connections = CONNECTIONS, headers = {}, cpuPid }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const ttfb = [];
  const total = [];
  let errors = 0;
  let statuses = {};
  let lean = 0;
  const until = performance.now() + seconds * 1000;
  const one = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      let first = 0;
      const req = http.get({ host: "127.0.0.1", port, path: p, agent, headers: { Cookie: cookie, ...headers } }, (res) => {
        first = performance.now();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.headers["x-served-by"] === "konbini-desk-lean") lean++;
        res.on("data", () => undefined);
        res.on("end", () => {
          const t1 = performance.now();
          if (res.statusCode >= 400) errors++;
          ttfb.push(first - t0);
          total.push(t1 - t0);
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
    });
  // 1 s warm-up, not recorded.
  const warm = performance.now() + 1000;
  await Promise.all(Array.from({ length: connections }, async () => { while (performance.now() < warm) await one(); }));
  ttfb.length = 0;
  total.length = 0;
  errors = 0;
  statuses = {};
  lean = 0;
  const cpu0 = cpuPid ? cpuTicks(cpuPid) : 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => { while (performance.now() < until + 1000) await one(); }));
  const elapsed = (performance.now() - start) / 1000;
  const cpuMsPerRequest = cpuPid ? ((cpuTicks(cpuPid) - cpu0) / CLK_TCK / total.length) * 1000 : NaN;
  agent.destroy();
  const s1 = [...ttfb].sort((a, b) => a - b);
  const s2 = [...total].sort((a, b) => a - b);
  return {
    requests: total.length,
    rps: total.length / elapsed,
    errors,
    statuses,
    lean,
    cpuMsPerRequest,
    ttfb: { p50: percentile(s1, 50), p95: percentile(s1, 95), p99: percentile(s1, 99) },
    total: { p50: percentile(s2, 50), p95: percentile(s2, 95), p99: percentile(s2, 99) },
  };
}

/**
 * The list's SQL through pg on a bare node:http server, two ways. `/`: the app's page statement,
 * run as the app runs it (named, so prepared once per connection: lib/db.ts readRows), the
 * baseline of the ratio. `/unnamed`: the baseline of the reports before the app prepared its
 * statements (the ids, then their rows, both sent unnamed, parsed and planned every time).
 */
async function startBaseline() {
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  const server = http.createServer(async (req, res) => {
    try {
      let rows;
      if (req.url === "/unnamed") {
        const ids = await pool.query(`SELECT "id", "createdAt" FROM "Charge" WHERE TRUE ORDER BY "createdAt" DESC, "id" DESC LIMIT 26`);
        rows = (await pool.query(`SELECT c.*, u.name AS "createdByName" FROM "Charge" c JOIN "User" u ON u.id = c."createdById" WHERE c.id = ANY($1)`, [ids.rows.map((r) => r.id)])).rows;
      } else {
        rows = (await pool.query({ name: "bench_page", text: APP_PAGE_SQL })).rows;
      }
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ data: rows, nextCursor: null }));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((r) => server.listen(BASELINE_PORT, "127.0.0.1", r));
  return { close: () => { server.close(); void pool.end(); } };
}

/** The plans at 1M rows with the planner left alone: index conditions, no sort, no sequential scan on "Charge". */
async function checkPlans() {
  const cursor = new Date(Date.now() - 86_400_000).toISOString();
  const queries = [
    ["list, newest first", `SELECT "id", "createdAt" FROM "Charge" WHERE TRUE ORDER BY "createdAt" DESC, "id" DESC LIMIT 26`],
    ["list, pending, next page", `SELECT "id", "createdAt" FROM "Charge" WHERE TRUE AND "status" = 'pending' AND ("createdAt", "id") < ('${cursor}'::timestamptz, 'chrg_bench_0995000') ORDER BY "createdAt" DESC, "id" DESC LIMIT 26`],
    ["deadline order", `SELECT "id", "expiresAt" FROM "Charge" WHERE "expiresAt" IS NOT NULL AND "status" = 'pending' ORDER BY "expiresAt", "id" LIMIT 26`],
    ["search by phone", `SELECT "id", "createdAt" FROM "Charge" WHERE TRUE AND "searchText" LIKE '%09012345%' ORDER BY "createdAt" DESC, "id" DESC LIMIT 26`],
    ["search by whole email", `SELECT "id", "createdAt" FROM "Charge" WHERE TRUE AND translate("customerEmail", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'cust777777@example.jp' ORDER BY "createdAt" DESC, "id" DESC LIMIT 26`],
    ["search by charge id", `SELECT "id", "createdAt" FROM "Charge" WHERE TRUE AND ("id" = 'chrg_bench_0424242' OR "reference" = 'chrg_bench_0424242') ORDER BY "createdAt" DESC, "id" DESC LIMIT 26`],
    ["search by name", `SELECT "id", "createdAt" FROM "Charge" WHERE TRUE AND "searchText" LIKE '%スズキ12%' ORDER BY "createdAt" DESC, "id" DESC LIMIT 26`],
  ];
  const out = [];
  for (const [name, sql] of queries) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
    const text = rows.map((r) => r["QUERY PLAN"]).join("\n");
    const seq = /Seq Scan on "Charge"/.test(text);
    const index = /Index (Only )?Scan|Bitmap Index Scan/.test(text);
    const sort = /\bSort\b/.test(text) && !/Top-N/.test(text) ? "sort" : /\bSort\b/.test(text) ? "top-N sort" : "none";
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? NaN);
    out.push({ name, seq, index, sort, ms, ok: !seq && index && (name.startsWith("search") || sort === "none"), plan: text });
    log(`plan ${name}: ${seq ? "SEQ SCAN" : "no seq scan"}, ${index ? "index" : "NO INDEX"}, sort: ${sort}, ${ms} ms`);
  }
  return out;
}

/** 50 tabs polling an idle system every 5 s with If-None-Match: the server's CPU over 30 s. */
async function idlePolling(cookie) {
  const first = await fetch(`http://127.0.0.1:${PORT}/api/charges?status=all&limit=25&counts=1`, { headers: { Cookie: cookie } });
  const etag = first.headers.get("etag") ?? "";
  const cpu = () => cpuTicks(app.pid);
  const ticks = CLK_TCK;
  const seconds = short ? 15 : 30;
  const tabs = 50;
  const agent = new http.Agent({ keepAlive: true, maxSockets: tabs });
  let notModified = 0;
  let other = 0;
  const c0 = cpu();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: tabs }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i * 5000) / tabs));
      while (performance.now() - t0 < seconds * 1000) {
        await new Promise((resolve) => {
          http.get({ host: "127.0.0.1", port: PORT, path: "/api/charges?status=all&limit=25&counts=1", agent, headers: { Cookie: cookie, "If-None-Match": etag } }, (res) => {
            if (res.statusCode === 304) notModified++;
            else other++;
            res.resume();
            res.on("end", resolve);
          }).on("error", resolve);
        });
        await new Promise((r) => setTimeout(r, 5000));
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const percent = ((cpu() - c0) / ticks / elapsed) * 100;
  agent.destroy();
  log(`idle polling: ${tabs} tabs, ${notModified} answered 304, ${other} other; server CPU ${percent.toFixed(1)}% of one core`);
  return { tabs, seconds: elapsed, notModified, other, percent };
}

/** Webhook acknowledgement latency under the same data: signed charge.complete events for seeded charges. */
async function webhookAck() {
  const key = Buffer.from(TEST_WEBHOOK_SECRET, "base64");
  let seq = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const times = [];
  let errors = 0;
  // What each failure was (a status code or a socket error), so a report with errors says which.
  const kinds = {};
  const failed = (kind) => {
    errors++;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  };
  const until = performance.now() + (short ? 5 : 10) * 1000;
  const send = () =>
    new Promise((resolve) => {
      const n = ++seq;
      const body = JSON.stringify({ object: "event", id: `evnt_bench_${Date.now()}_${n}`, key: "charge.complete", created_at: new Date().toISOString(), data: { object: "charge", id: `chrg_bench_${String(1 + (n % CHARGES)).padStart(7, "0")}` } });
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = createHmac("sha256", key).update(`${ts}.${body}`).digest("hex");
      const t0 = performance.now();
      const req = http.request({ host: "127.0.0.1", port: PORT, path: "/api/webhooks/omise", method: "POST", agent, headers: { "Content-Type": "application/json", "Omise-Signature": sig, "Omise-Signature-Timestamp": ts, "Content-Length": Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode >= 300) failed(`HTTP ${res.statusCode}`);
          times.push(performance.now() - t0);
          resolve();
        });
      });
      req.on("error", (err) => {
        failed(err.code ?? err.message);
        resolve();
      });
      req.end(body);
    });
  const start = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => { while (performance.now() < until) await send(); }));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const s = times.sort((a, b) => a - b);
  const errorKinds = Object.entries(kinds).map(([k, n]) => `${n} × ${k}`).join(", ");
  const r = { requests: s.length, rps: s.length / elapsed, errors, errorKinds, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
  log(`webhook ack: p50 ${fmt(r.p50)} p95 ${fmt(r.p95)} ms, ${r.rps.toFixed(0)} events/s, ${errors} errors${errorKinds ? ` (${errorKinds})` : ""}`);
  return r;
}

function renderReport({ seedSeconds, results, bare, rounds, ratio, unnamedRatio, plans, idle, webhook, reminders }) {
  const mark = (ok) => (ok ? "met" : "**not met**");
  const cpuModel = os.cpus()[0]?.model ?? "unknown CPU";
  const pgVersion = spawnSync("psql", ["--version"]).stdout?.toString().trim() ?? "";
  const lines = [
    "# Performance at one million charges",
    "",
    `Measured by \`npm run bench${short ? " -- --short" : ""}\` on ${new Date().toISOString().slice(0, 10)} (UTC), on this project's CI machine kind: ${cores} cores (${cpuModel}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${pgVersion}. ` +
      `The built app (\`server.mjs\`) ran ${canPin ? "pinned to core 0 with the load generator on core 1" : "unpinned (taskset or a second core was missing)"}; PostgreSQL shared the machine.`,
    "",
    `Data: ${CHARGES.toLocaleString()} charges (20 staff members, a year of history, the newest 10,000 pending) and ${(CHARGES * EVENTS_PER_CHARGE).toLocaleString()} timeline events, seeded with \`generate_series\` ${Number.isNaN(seedSeconds) ? "by an earlier run (BENCH_DATABASE_URL)" : `in ${seedSeconds.toFixed(0)} s`} ` +
      "with the counts and search-text triggers on (the trigram index built once after the load).",
    reminders.queued || reminders.sent
      ? `Before measuring, the app queued the day-before reminders the seeding made due at once (${reminders.queued.toLocaleString()}, one transaction each) and its outbox sender rendered and captured them (${reminders.sent.toLocaleString()} messages), in ${reminders.seconds.toFixed(0)} s, so the figures below are of the requests, not of that catch-up.`
      : "",
    "",
    `Load: ${CONNECTIONS} keep-alive connections signed in as an admin, ${SECONDS} s per request after a 1 s warm-up. For pages the time is to the first byte (TTFB); for the API, to the last byte. Every request's time was recorded; the percentiles are exact.`,
    "",
    "| request | p50 ms | p95 ms | p99 ms | req/s | errors | target (p95) | |",
    "|---|---|---|---|---|---|---|---|",
    ...results.map((r) => {
      const m = r.kind === "page" ? r.ttfb : r.total;
      return `| ${r.name} | ${fmt(m.p50)} | ${fmt(m.p95)} | ${fmt(m.p99)} | ${r.rps.toFixed(0)} | ${r.errors} | ≤ ${r.target} ms | ${mark(r.met)} |`;
    }),
    "",
    "![p50 and p95 per request](performance.svg)",
    "",
    "## Throughput against a bare server",
    "",
    `A bare \`node:http\` server running the app's own page statement through \`pg\` (same first page, same rows, one statement), prepared as the app prepares it, answered ${bare.rps.toFixed(0)} req/s (p50 ${fmt(bare.total.p50)} ms); the app's \`GET /api/charges?limit=25\` answered ${results[0].rps.toFixed(0)} req/s in its own window above. ` +
      `Side by side, in ${rounds.length} alternating rounds of 2 s each: ${rounds.map((r) => `${r.app.toFixed(0)} / ${r.bare.toFixed(0)}`).join(", ")} req/s (app / bare; the app spent ${fmt(rounds.map((r) => r.appCpuMs).sort((x, y) => x - y)[Math.floor(rounds.length / 2)])} ms of CPU per request, median). ` +
      `Ratio, the median of the rounds: **${ratio.toFixed(2)}** (target ≥ 0.5: ${mark(ratio >= 0.5)}).`,
    "",
    `The earlier reports' baseline sent the list's SQL unnamed, as two statements (the ids, then their rows), parsed and planned on every request: ${rounds.map((r) => r.unnamed.toFixed(0)).join(", ")} req/s in the same rounds, ratio ${unnamedRatio.toFixed(2)}. ` +
      "The app prepares its hot statements (lib/db.ts readRows), so the baseline above does too: the ratio compares the app's own work per request, not how the statements are sent.",
    "",
    "## Query plans at 1M rows (planner left alone, EXPLAIN ANALYZE)",
    "",
    "| query | seq scan on Charge | index used | sort | execution ms | |",
    "|---|---|---|---|---|---|",
    ...plans.map((p) => `| ${p.name} | ${p.seq ? "yes" : "no"} | ${p.index ? "yes" : "no"} | ${p.sort} | ${p.ms} | ${mark(p.ok)} |`),
    "",
    "## Idle polling",
    "",
    `${idle.tabs} tabs polled \`/api/charges?counts=1\` every 5 s with their ETag for ${idle.seconds.toFixed(0)} s on an idle system: ${idle.notModified} answers were 304, ${idle.other} were not. ` +
      `The server used **${idle.percent.toFixed(1)}%** of one core (target < 5%: ${mark(idle.percent < 5)}).`,
    "",
    "## Webhook acknowledgement under the same data",
    "",
    `${CONNECTIONS} connections sending signed \`charge.complete\` events for seeded charges: p50 ${fmt(webhook.p50)} ms, p95 ${fmt(webhook.p95)} ms, p99 ${fmt(webhook.p99)} ms, ${webhook.rps.toFixed(0)} events/s, ${webhook.errors} errors${webhook.errorKinds ? ` (${webhook.errorKinds})` : ""}, ${webhook.requests.toLocaleString()} answered. ` +
      "(Each event is stored before the answer; `npm run bench:webhooks` measures W3/W4 in full.)",
    "",
    "## Not measured here",
    "",
    "- Lab web vitals (LCP, CLS, TBT, INP) with Lighthouse 12.2.3 and `web-vitals`: `npm run bench:vitals` measures them and writes [web-vitals.md](web-vitals.md); `npm test` checks CLS and INP (e2e/web-vitals.spec.ts).",
    "- Several instances behind nginx: `tests/multi-instance.instances.test.ts`, a step of `npm test` ([deploy.md](deploy.md)).",
    "- Export at 1M rows (time to first byte, memory): `npm run bench:export` writes [export-performance.md](export-performance.md).",
    "",
  ];
  return lines.join("\n");
}

function renderChart(results) {
  const w = 900;
  const rowH = 26;
  const left = 330;
  const h = 60 + results.length * rowH;
  const values = results.map((r) => (r.kind === "page" ? r.ttfb : r.total));
  const max = Math.max(...values.map((v) => v.p95), ...results.map((r) => r.target));
  const x = (ms) => left + (ms / max) * (w - left - 60);
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const bars = results.map((r, i) => {
    const y = 40 + i * rowH;
    const v = values[i];
    return [
      `<text x="${left - 8}" y="${y + 14}" text-anchor="end" font-size="12">${esc(r.name)}</text>`,
      `<rect x="${left}" y="${y + 2}" width="${x(v.p95) - left}" height="9" fill="#f59e0b"/>`,
      `<rect x="${left}" y="${y + 12}" width="${x(v.p50) - left}" height="9" fill="#2563eb"/>`,
      `<line x1="${x(r.target)}" x2="${x(r.target)}" y1="${y}" y2="${y + 24}" stroke="#dc2626" stroke-dasharray="3 2"/>`,
      `<text x="${x(v.p95) + 4}" y="${y + 11}" font-size="10">${fmt(v.p95)}</text>`,
    ].join("");
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="20" font-size="14" font-weight="bold">p50 (blue) and p95 (orange) in ms at 1M charges; dashed red: the target</text>
${bars.join("\n")}
</svg>
`;
}
