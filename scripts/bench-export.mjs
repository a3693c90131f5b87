// npm run bench:export — the CSV export at 1,000,000 charges: time to first byte, total time,
// rows, and the server's peak memory, then docs/export-performance.md.
//
// Creates its own PostgreSQL database, seeds 1M charges with the benchmark's own seeding
// (scripts/bench-seed.mjs, no timeline events: the export does not read them), restarts the
// built app so its peak memory counts only what follows, signs in, and downloads:
//   1. every charge, newest first, UTF-8 (the default),
//   2. every charge by deadline, Shift_JIS,
//   3. a slow reader: 1 MB, then a 10 s pause (backpressure: the server must not run ahead),
// sampling the server's VmRSS every 50 ms and reading its VmHWM (peak RSS) from /proc.
// Options: --charges=N (default 1,000,000), --keep (leave the database), --no-write (print only).
// BENCH_DATABASE_URL reuses a database that `npm run bench -- --keep` or this script's --keep left
// (seeded once, never dropped: a run on one that already holds N charges skips the seeding).
import { readFileSync, writeFileSync } from "node:fs";
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
const CAPPED_HEAP_MB = 128;
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

  const downloads = async (heap, pid, cookie) => {
    const out = [];
    for (const [name, query] of [
      ["every charge, newest first, UTF-8", "format=csv"],
      ["every charge by deadline, Shift_JIS", "format=csv&sort=deadline&encoding=shift_jis"],
    ]) {
      const r = await download({ base, cookie, query, pid });
      out.push({ name, query, heap, ...r });
      log(`${name} (${heap}): first byte ${r.ttfbMs.toFixed(0)} ms, ${r.rows.toLocaleString()} rows, ${(r.bytes / 1e6).toFixed(0)} MB in ${(r.totalMs / 1000).toFixed(1)} s; server RSS peak during it ${r.peakRssMb.toFixed(0)} MB (VmHWM ${r.hwmMb.toFixed(0)} MB)`);
    }
    return out;
  };
  const runs = await downloads("V8's default heap limit", app.pid, cookie);
  // The slow reader on a fresh server, so what it shows is not what the full downloads left.
  app.kill("SIGTERM");
  await new Promise((r) => app.once("exit", r));
  app = await start();
  const slowIdle = memory(app.pid);
  const slow = await slowReader({ base, cookie: await signInAs(base, ADMIN), pid: app.pid });
  log(`slow reader: server RSS ${slowIdle.rssMb.toFixed(0)} MB idle, ${slow.beforeMb.toFixed(0)} MB after 1 MB read, ${slow.afterMb.toFixed(0)} MB after a 10 s pause`);
  // The same downloads with the old generation capped (NODE_OPTIONS): how much of the growth is
  // garbage that V8 had no reason to collect on a 24 GB machine, and how much the export holds.
  app.kill("SIGTERM");
  await new Promise((r) => app.once("exit", r));
  app = await start({ NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${CAPPED_HEAP_MB}`.trim() });
  const cappedCookie = await signInAs(base, ADMIN);
  const cappedIdle = memory(app.pid);
  log(`server pid ${app.pid} (--max-old-space-size=${CAPPED_HEAP_MB}): ${cappedIdle.rssMb.toFixed(0)} MB RSS after start and sign-in`);
  const capped = await downloads(`--max-old-space-size=${CAPPED_HEAP_MB}`, app.pid, cappedCookie);
  const expected = Number((await client.query(`SELECT count(*) AS c FROM "Charge"`)).rows[0].c);
  const report = render({ seedSeconds, idle, runs, slow: { ...slow, idleMb: slowIdle.rssMb }, expected, capped, cappedIdle });
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

async function download({ base, cookie, query, pid }) {
  let peak = memory(pid).rssMb;
  const sampler = setInterval(() => (peak = Math.max(peak, memory(pid).rssMb)), 50);
  const started = performance.now();
  try {
    const res = await fetch(`${base}/api/charges/export?${query}`, { headers: { Cookie: cookie } });
    if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
    const reader = res.body.getReader();
    let ttfbMs = NaN;
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
    }
    return { ttfbMs, totalMs: performance.now() - started, bytes, rows: lines - 1, peakRssMb: peak, hwmMb: memory(pid).hwmMb };
  } finally {
    clearInterval(sampler);
  }
}

async function slowReader({ base, cookie, pid }) {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/charges/export?format=csv`, { headers: { Cookie: cookie }, signal: ac.signal });
  const reader = res.body.getReader();
  let bytes = 0;
  while (bytes < 1e6) bytes += (await reader.read()).value?.length ?? 1e6;
  const beforeMb = memory(pid).rssMb;
  await new Promise((r) => setTimeout(r, 10_000));
  const afterMb = memory(pid).rssMb;
  ac.abort();
  await reader.cancel().catch(() => undefined);
  return { beforeMb, afterMb };
}

function render({ seedSeconds, idle, runs, slow, expected, capped, cappedIdle }) {
  const met = (ok) => (ok ? "met" : "**not met**");
  const lines = [
    "# Export performance (npm run bench:export)",
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} at the end.`,
    os.loadavg()[0] > os.cpus().length + 0.5
      ? "The machine was shared with other work while this ran, so times are an upper bound rather than what an idle machine gives."
      : "Nothing else ran on the machine meanwhile.",
    "",
    `Data: ${expected.toLocaleString()} charges (the benchmark's seeding, scripts/bench-seed.mjs), ${Number.isNaN(seedSeconds) ? "seeded by an earlier run" : `seeded in ${seedSeconds.toFixed(0)} s`}. The built app (server.mjs, NODE_ENV=production, PostgreSQL) was restarted after seeding; after start and sign-in it used ${idle.rssMb.toFixed(0)} MB RSS.`,
    "Each download is one GET /api/charges/export, read to the end by a client on the same machine; the server's memory is VmRSS sampled every 50 ms and VmHWM (the kernel's peak) from /proc/<pid>/status.",
    "",
    "| export | rows | size | first byte | total | rows/s | server RSS peak (VmHWM) | over idle | target |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ...[...runs.map((r) => [r, idle]), ...capped.map((r) => [r, cappedIdle])].map(([r, base]) => `| ${r.name}, ${r.heap} (\`${r.query}\`) | ${r.rows.toLocaleString()} | ${(r.bytes / 1e6).toFixed(0)} MB | ${r.ttfbMs.toFixed(0)} ms | ${(r.totalMs / 1000).toFixed(1)} s | ${Math.round(r.rows / (r.totalMs / 1000)).toLocaleString()} | ${r.hwmMb.toFixed(0)} MB | +${(r.peakRssMb - base.rssMb).toFixed(0)} MB | rows ${met(r.rows === expected)}, first byte < 1 s ${met(r.ttfbMs < 1000)}, ≤ ${RSS_LIMIT_MB} MB ${met(r.hwmMb <= RSS_LIMIT_MB)} |`),
    "",
    `The first two rows are the server as \`npm start\` runs it; the last two the same server restarted with \`NODE_OPTIONS=--max-old-space-size=${CAPPED_HEAP_MB}\` (idle after sign-in: ${cappedIdle.rssMb.toFixed(0)} MB). "Over idle" is the peak RSS during that download less the server's RSS after start and sign-in; VmHWM is the kernel's peak since the server started.`,
    "",
    `Backpressure: on a freshly started server (${slow.idleMb.toFixed(0)} MB RSS after start), a client that read 1 MB and then paused for 10 s left it at ${slow.beforeMb.toFixed(0)} MB RSS before the pause and ${slow.afterMb.toFixed(0)} MB after it. The stream reads the next batch of 2,000 rows only when the response has taken the last, so a paused client stops the reads once the socket's buffers are full (a few MB); the RSS that rises meanwhile is those buffers and the batches' garbage, which V8 collects lazily (compare the capped rows above).`,
    "",
    "How: lib/charges/export-charges.ts reads the list's own keyset pages, 2,000 rows per statement (the page's keys joined to their rows and creators, lib/charges/page-rows.ts, straight through the pg pool; no OFFSET), and lib/export/stream-csv.ts turns each batch into one chunk of a ReadableStream pulled by the response.",
    "",
  ];
  return lines.join("\n");
}
