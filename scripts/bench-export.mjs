// npm run bench:export — the CSV export at 1,000,000 charges: time to first byte and to the first
// row, total time, rows, the export worker's peak memory and the server's, the list API's latency
// while an export runs, then docs/export-performance.md.
//
// Creates its own PostgreSQL database, seeds 1M charges with the benchmark's own seeding
// (scripts/bench-seed.mjs, no timeline events: the export does not read them), restarts the
// built app so its peak memory counts only what follows, signs in, and downloads:
//   1. every charge, newest first, UTF-8 (the default),
//   2. every charge by deadline, Shift_JIS,
//   3. a slow reader: 1 MB, then a 10 s pause (backpressure: the worker must not run ahead),
// sampling VmRSS every 50 ms and VmHWM (peak RSS) from /proc, of the server and of the export's
// worker process (lib/export/worker-process.ts: a child of the server) with any children of its own.
// Options: --charges=N (default 1,000,000), --keep (leave the database), --no-write (print only).
// BENCH_DATABASE_URL reuses a database that `npm run bench -- --keep` or this script's --keep left
// (seeded once, never dropped: a run on one that already holds N charges skips the seeding).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ROOT, buildIfStale, seed, startBuiltApp, waitForUrl } from "./lib.mjs";
import { seedCharges, signInAs } from "./bench-seed.mjs";
import { spawn } from "node:child_process";
import { TEST_NEXTAUTH_SECRET, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, createPgDatabase } from "../tests/test-env.mjs";

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const CHARGES = Number(arg("charges") ?? 1_000_000);
const keep = process.argv.includes("--keep");
const write = !process.argv.includes("--no-write");
const PORT = 5500;
const SIM_PORT = 5501;
const ADMIN = { email: "bench-export-admin@example.jp", password: "bench-export-password-2026" };
const RSS_LIMIT_MB = 150;
const SLOW_READ_BYTES = 8e6;
const log = (...a) => console.log(`[bench:export ${new Date().toISOString().slice(11, 19)}]`, ...a);

await buildIfStale();
const reuseUrl = process.env.BENCH_DATABASE_URL || "";
const db = reuseUrl
  ? { url: reuseUrl, drop: async () => undefined }
  : await createPgDatabase(process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/postgres", "kd_benchexport");
const client = new pg.Client({ connectionString: db.url });
let app;
let simulator;
try {
  simulator = spawn(process.execPath, [path.join(ROOT, "simulator", "server.mjs")], {
    cwd: ROOT,
    env: { ...process.env, OMISE_SIM_PORT: String(SIM_PORT), OMISE_SECRET_KEY: TEST_SECRET_KEY, OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET },
    stdio: "ignore",
  });
  const simUrl = `http://127.0.0.1:${SIM_PORT}`;
  await waitForUrl(`${simUrl}/charges`);
  const secrets = { nextauth: TEST_NEXTAUTH_SECRET, omiseKey: TEST_SECRET_KEY, webhook: TEST_WEBHOOK_SECRET };
  const start = (env = {}) => startBuiltApp({ port: PORT, databaseUrl: db.url, omiseUrl: simUrl, secrets, env: { REQUIRE_2FA: "false", ...env } });
  app = await start();
  await seed({ DATABASE_URL: db.url, OMISE_API_URL: simUrl, OMISE_SECRET_KEY: TEST_SECRET_KEY, OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  await client.connect();
  const seeded = reuseUrl && Number((await client.query(`SELECT count(*) AS c FROM "Charge"`)).rows[0].c) === CHARGES;
  if (seeded) log(`reusing the ${CHARGES.toLocaleString()} charges in ${reuseUrl}`);
  const seedSeconds = seeded ? NaN : await seedCharges(client, { charges: CHARGES, eventsPerCharge: 0, log });
  app.kill("SIGTERM");
  await new Promise((r) => app.once("exit", r));
  app = await start();
  const base = `http://127.0.0.1:${PORT}`;
  const cookie = await signInAs(base, ADMIN);
  const idle = memory(app.pid);
  log(`server pid ${app.pid}: ${idle.rssMb.toFixed(0)} MB RSS after start and sign-in`);
  const runs = [];
  for (const [name, query] of [
    ["every charge, newest first, UTF-8", "format=csv"],
    ["every charge by deadline, Shift_JIS", "format=csv&sort=deadline&encoding=shift_jis"],
  ]) {
    const r = await download({ base, cookie, query, pid: app.pid, probeList: runs.length === 0 });
    runs.push({ name, query, ...r });
    log(`${name}: first byte ${r.ttfbMs.toFixed(0)} ms, first row ${r.firstRowMs.toFixed(0)} ms, ${r.rows.toLocaleString()} rows, ${(r.bytes / 1e6).toFixed(0)} MB in ${(r.totalMs / 1000).toFixed(1)} s; worker peak ${r.workerPeakMb.toFixed(0)} MB (its helpers ${r.helperPeakMb.toFixed(0)} MB), server peak ${r.peakRssMb.toFixed(0)} MB`);
  }
  const list = await listLatency({ base, cookie, seconds: 10 });
  log(`list API with no export running: p50 ${list.p50.toFixed(0)} ms, p95 ${list.p95.toFixed(0)} ms`);
  const slow = await slowReader({ base, cookie, pid: app.pid });
  log(`slow reader: after 8 MB and 3 s the worker had used ${slow.cpuBeforeMs.toFixed(0)} ms of CPU; during a 10 s pause ${slow.cpuPauseMs.toFixed(0)} ms more; server RSS ${slow.beforeMb.toFixed(0)} → ${slow.afterMb.toFixed(0)} MB, worker ${slow.workerBeforeMb.toFixed(0)} → ${slow.workerAfterMb.toFixed(0)} MB; worker gone after the client left: ${slow.workerGone}`);
  const expected = Number((await client.query(`SELECT count(*) AS c FROM "Charge"`)).rows[0].c);
  const report = render({ seedSeconds, idle, runs, slow, expected, list });
  console.log(`\n${report}`);
  if (write) {
    writeFileSync(path.join(ROOT, "docs", "export-performance.md"), report);
    log("wrote docs/export-performance.md");
  }
} finally {
  app?.kill("SIGTERM");
  simulator?.kill("SIGTERM");
  await client.end().catch(() => undefined);
  if (!keep) await db.drop().catch(() => undefined);
  else log(`kept database ${db.url}`);
}

/** The server's resident memory now and its peak since it started, from /proc/<pid>/status. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024 };
}

/** The export worker processes of the server `pid` (its children running the worker script), and their own children. */
function exportProcesses(pid) {
  const procs = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[1]);
      procs.push({ pid: Number(d), ppid, cmd: readFileSync(`/proc/${d}/cmdline`, "utf8") });
    } catch {}
  }
  const workers = procs.filter((p) => p.ppid === pid && p.cmd.includes("export-worker")).map((p) => p.pid);
  const helpers = procs.filter((p) => workers.includes(p.ppid)).map((p) => p.pid);
  return { workers, helpers };
}

/** VmRSS and VmHWM of `pids` summed, in MB (0 for a process that has ended). */
function sumMemory(pids) {
  let rss = 0;
  let hwm = 0;
  for (const p of pids) {
    try {
      const m = memory(p);
      rss += m.rssMb;
      hwm += m.hwmMb;
    } catch {}
  }
  return { rss, hwm };
}

function cpuMsOf(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
    return ((Number(f[11]) + Number(f[12])) / 100) * 1000; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

async function download({ base, cookie, query, pid, probeList }) {
  let peak = memory(pid).rssMb;
  let workerPeakMb = 0;
  let helperPeakMb = 0;
  const workers = new Set();
  const sampler = setInterval(() => {
    peak = Math.max(peak, memory(pid).rssMb);
    const found = exportProcesses(pid);
    for (const w of found.workers) workers.add(w);
    const w = sumMemory(found.workers);
    workerPeakMb = Math.max(workerPeakMb, w.rss, w.hwm);
    const h = sumMemory(found.helpers);
    helperPeakMb = Math.max(helperPeakMb, h.rss, h.hwm);
  }, 50);
  // While the export runs: the list API, one request at a time every 200 ms, as a colleague's screen polls.
  let exporting = true;
  const listTimes = [];
  const prober = probeList
    ? (async () => {
        await new Promise((r) => setTimeout(r, 2000));
        while (exporting) {
          const t = performance.now();
          await (await fetch(`${base}/api/charges?limit=25`, { headers: { Cookie: cookie } })).arrayBuffer();
          listTimes.push(performance.now() - t);
          await new Promise((r) => setTimeout(r, 200));
        }
      })()
    : Promise.resolve();
  const started = performance.now();
  try {
    const res = await fetch(`${base}/api/charges/export?${query}`, { headers: { Cookie: cookie } });
    if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
    const reader = res.body.getReader();
    let ttfbMs = NaN;
    let firstRowMs = NaN;
    let bytes = 0;
    let lines = 0;
    let lastCr = false;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (Number.isNaN(ttfbMs)) ttfbMs = performance.now() - started;
      bytes += value.length;
      if (lastCr && value[0] === 10) lines++;
      for (let i = value.indexOf(10, 1); i !== -1; i = value.indexOf(10, i + 1)) if (value[i - 1] === 13) lines++;
      lastCr = value[value.length - 1] === 13;
      if (Number.isNaN(firstRowMs) && lines >= 2) firstRowMs = performance.now() - started;
    }
    const totalMs = performance.now() - started;
    exporting = false;
    await prober;
    return { ttfbMs, firstRowMs, totalMs, bytes, rows: lines - 1, peakRssMb: peak, hwmMb: memory(pid).hwmMb, workerPeakMb, helperPeakMb, workers: workers.size, listDuring: listTimes.length ? percentiles(listTimes) : null };
  } finally {
    exporting = false;
    clearInterval(sampler);
  }
}

function percentiles(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95) };
}

/** The list API alone, the same probe as during the first export. */
async function listLatency({ base, cookie, seconds }) {
  const times = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const t = performance.now();
    await (await fetch(`${base}/api/charges?limit=25`, { headers: { Cookie: cookie } })).arrayBuffer();
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 200));
  }
  return percentiles(times);
}

/**
 * A client that reads 8 MB (past the EXPORT_SERVER_ROWS the server writes itself, so the worker
 * writes by then) and then stops reading for 10 s (node:http with res.pause(): TCP's own
 * backpressure; undici's fetch goes on reading into its own buffers while its reader waits).
 */
async function slowReader({ base, cookie, pid }) {
  const url = new URL(`${base}/api/charges/export?format=csv`);
  const res = await new Promise((resolve, reject) => http.get(url, { headers: { Cookie: cookie } }, resolve).on("error", reject));
  await new Promise((resolve) => {
    let bytes = 0;
    const onData = (chunk) => {
      bytes += chunk.length;
      if (bytes < SLOW_READ_BYTES) return;
      res.off("data", onData);
      res.pause();
      resolve();
    };
    res.on("data", onData);
  });
  const [worker] = exportProcesses(pid).workers;
  await new Promise((r) => setTimeout(r, 3000)); // the buffers fill
  const cpuBeforeMs = cpuMsOf(worker);
  const beforeMb = memory(pid).rssMb;
  const workerBeforeMb = sumMemory([worker]).rss;
  await new Promise((r) => setTimeout(r, 10_000));
  const cpuPauseMs = cpuMsOf(worker) - cpuBeforeMs;
  const afterMb = memory(pid).rssMb;
  const workerAfterMb = sumMemory([worker]).rss;
  res.destroy();
  let workerGone = false;
  for (let i = 0; i < 50 && !workerGone; i++) {
    await new Promise((r) => setTimeout(r, 100));
    workerGone = !exportProcesses(pid).workers.includes(worker);
  }
  return { cpuBeforeMs, cpuPauseMs, beforeMb, afterMb, workerBeforeMb, workerAfterMb, workerGone };
}

function render({ seedSeconds, idle, runs, slow, expected, list }) {
  const met = (ok) => (ok ? "met" : "**not met**");
  const during = runs[0].listDuring;
  const lines = [
    "# Export performance (npm run bench:export)",
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} at the end.`,
    os.loadavg()[0] > os.cpus().length + 0.5
      ? "The machine was shared with other work while this ran, so times are an upper bound rather than what an idle machine gives."
      : "Nothing else ran on the machine meanwhile.",
    "",
    `Data: ${expected.toLocaleString()} charges (the benchmark's seeding, scripts/bench-seed.mjs), ${Number.isNaN(seedSeconds) ? "seeded by an earlier run" : `seeded in ${seedSeconds.toFixed(0)} s`}. The built app (server.mjs, NODE_ENV=production, PostgreSQL) was restarted after seeding; after start and sign-in it used ${idle.rssMb.toFixed(0)} MB RSS.`,
    "On PostgreSQL an export's rows are read and formatted by a worker process of its own (lib/export/worker-process.ts, lib/charges/charge-export-worker.ts; heap capped), which the server starts for the download; the server sends the header row and the first batches and passes the worker's bytes on. Each download is one GET /api/charges/export, read to the end by a client on the same machine. Memory is VmRSS sampled every 50 ms and VmHWM (the kernel's peak) from /proc/<pid>/status: of the worker (the target's process), of the processes the worker itself started (tsx's esbuild service), and of the server.",
    "",
    `| export | rows | size | first byte | first row | total | rows/s | worker peak RSS | its helpers | server peak RSS (over idle) | target |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...runs.map((r) => `| ${r.name} (\`${r.query}\`) | ${r.rows.toLocaleString()} | ${(r.bytes / 1e6).toFixed(0)} MB | ${r.ttfbMs.toFixed(0)} ms | ${r.firstRowMs.toFixed(0)} ms | ${(r.totalMs / 1000).toFixed(1)} s | ${Math.round(r.rows / (r.totalMs / 1000)).toLocaleString()} | ${r.workerPeakMb.toFixed(0)} MB | ${r.helperPeakMb.toFixed(0)} MB | ${r.peakRssMb.toFixed(0)} MB (+${(r.peakRssMb - idle.rssMb).toFixed(0)} MB) | rows ${met(r.rows === expected)}, first byte < 1 s ${met(r.ttfbMs < 1000)}, worker ≤ ${RSS_LIMIT_MB} MB ${met(r.workerPeakMb > 0 && r.workerPeakMb <= RSS_LIMIT_MB)} |`),
    "",
    "\"First byte\" is the header row, which the server sends at once; \"first row\" is the first charge. The server writes the first batches itself while the worker loads (Node.js, tsx and the query modules, about a second), at most EXPORT_SERVER_ROWS (20,000), and the worker writes the rest.",
    "",
    during
      ? `The server meanwhile: GET /api/charges?limit=25, one request every 200 ms during the first export, took p50 ${during.p50.toFixed(0)} ms, p95 ${during.p95.toFixed(0)} ms (${during.n} requests); with no export running, p50 ${list.p50.toFixed(0)} ms, p95 ${list.p95.toFixed(0)} ms (${list.n} requests).`
      : "",
    "",
    `Backpressure: a client that read 8 MB (by then the worker writes the rows) and then paused for 10 s, measured from 3 s into the pause: the worker used ${slow.cpuPauseMs.toFixed(0)} ms of CPU during the pause (it waits on the full pipe), the server's RSS went ${slow.beforeMb.toFixed(0)} → ${slow.afterMb.toFixed(0)} MB and the worker's ${slow.workerBeforeMb.toFixed(0)} → ${slow.workerAfterMb.toFixed(0)} MB. When the client left, the worker ${slow.workerGone ? "was gone within 5 s" : "**was still running 5 s later**"}.`,
    "",
    "How: the worker reads the list's own keyset pages, 2,000 rows per statement (the page's keys joined to their rows and creators, lib/charges/page-rows.ts; no OFFSET), formats and encodes them (lib/charges/export-rows.ts, lib/export/csv.ts) and writes them to a pipe; lib/export/stream-csv.ts pulls from the pipe only as the response takes the bytes. With the embedded database (PGlite admits one process) the server does this itself.",
    "",
  ];
  return lines.join("\n");
}
