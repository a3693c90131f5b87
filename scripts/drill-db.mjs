// npm run drill:db — database outage drill (targets W7 and F5).
// Starts the built app on real PostgreSQL, sends signed webhook events from 10
// concurrent senders (after a 2 s warm-up), stops PostgreSQL (immediate mode)
// at t=3 s and starts it again 6 s later, hangs it with SIGSTOP for 8 s, checks that every acknowledged event is in the database,
// that every failure was a non-2xx, and how fast the app recovered.
// Needs: `npm run build`, root, and the machine's PostgreSQL cluster. Pass
// --write to record the report in docs/reliability.md.
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ROOT, seed, startBuiltApp } from "./lib.mjs";
import { startSimulator } from "../simulator/server.mjs";
import { TEST_NEXTAUTH_SECRET, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, createPgDatabase } from "../tests/test-env.mjs";
import { createHmac } from "node:crypto";

const BASE = process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/postgres";
const PORT = 3210;
const version = readdirSync("/etc/postgresql")[0];
// Asynchronous on purpose: the senders and the health probe run in this
// process, and a blocking call would freeze them and inflate their timings.
const run = promisify(execFile);
const pgctl = (action) => run("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", action, ...(action === "stop" ? ["-m", "immediate"] : [])]);

const db = await createPgDatabase(BASE, "kd_drill");
const sim = await startSimulator({ port: 0, secretKey: TEST_SECRET_KEY });
const secrets = { nextauth: TEST_NEXTAUTH_SECRET, omiseKey: TEST_SECRET_KEY, webhook: TEST_WEBHOOK_SECRET };
const app = await startBuiltApp({ port: PORT, databaseUrl: db.url, omiseUrl: sim.url, secrets });
const BASE_URL = `http://127.0.0.1:${PORT}`;
const ADMIN = { email: "drill@example.com", password: "drill-admin-password" };
await seed({ DATABASE_URL: db.url, OMISE_API_URL: sim.url, OMISE_SECRET_KEY: TEST_SECRET_KEY, OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
const sessionCookie = await signIn();

/** Sign in through next-auth's credentials flow, as the browser does; returns the session cookie. */
async function signIn() {
  const csrf = await fetch(`${BASE_URL}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const res = await fetch(`${BASE_URL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "), Origin: BASE_URL },
    body: new URLSearchParams({ csrfToken, ...ADMIN, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return session.split(";")[0];
}

const key = Buffer.from(TEST_WEBHOOK_SECRET, "base64");
let t0 = Date.now();
const at = () => Date.now() - t0;
const results = []; // { id, status, sentAt, ms }
const health = []; // { at, status, ms }
const pages = []; // { at, status, ms, error } for the signed-in /charges page
let seq = 0;
let running = true;

async function sender(n) {
  while (running) {
    const id = `evnt_test_drill_${n}_${seq++}`;
    const body = JSON.stringify({ object: "event", id, key: "charge.update", created_at: new Date().toISOString(), data: { object: "charge", id: `chrg_test_drill_${id}` } });
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHmac("sha256", key).update(`${ts}.${body}`).digest("hex");
    const sentAt = at();
    let status = 0;
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/webhooks/omise`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/json", "Omise-Signature": sig, "Omise-Signature-Timestamp": ts },
        signal: AbortSignal.timeout(15_000),
      });
      status = res.status;
    } catch {
      status = -1;
    }
    results.push({ id, status, sentAt, ms: at() - sentAt });
  }
}

// The health probe runs in a process of its own: the ten senders keep this
// one's event loop busy, and that delay is not the server's.
const HEALTH_PROBE = `
  const url = process.argv[1];
  const loop = async () => {
    for (;;) {
      const start = Date.now();
      let status = -1;
      try { status = (await fetch(url, { signal: AbortSignal.timeout(10000) })).status; } catch {}
      process.stdout.write(JSON.stringify({ start, status, ms: Date.now() - start }) + "\\n");
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  loop();`;
function healthProbe() {
  const child = spawn(process.execPath, ["-e", HEALTH_PROBE, `http://127.0.0.1:${PORT}/api/health`], { stdio: ["ignore", "pipe", "inherit"] });
  let buffered = "";
  child.stdout.on("data", (chunk) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      const { start, status, ms } = JSON.parse(line);
      if (start >= t0) health.push({ at: start - t0, status, ms });
    }
  });
  return new Promise((resolve) => {
    const stop = setInterval(() => {
      if (running) return;
      clearInterval(stop);
      child.kill();
      resolve();
    }, 100);
  });
}

// A member of staff keeps reloading the charges list: it must show the list or the error page quickly.
async function pageProbe() {
  while (running) {
    const start = at();
    let status = 0;
    let error = false;
    try {
      const res = await fetch(`${BASE_URL}/charges`, { headers: { Cookie: sessionCookie }, signal: AbortSignal.timeout(15_000) });
      status = res.status;
      error = status >= 500 || (await res.text()).includes('data-testid="page-error"');
    } catch {
      status = -1;
      error = true;
    }
    pages.push({ at: start, status, ms: at() - start, error });
    await new Promise((r) => setTimeout(r, 300));
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const signalAll = (sig) => run("pkill", [`-${sig}`, "-u", "postgres", "postgres"]).catch(() => undefined);
const work = [...Array.from({ length: 10 }, (_, i) => sender(i)), healthProbe(), pageProbe()];
// Warm up for 2 s (a fresh server compiles on its first requests), then start the clock.
await sleep(2000);
t0 = Date.now();
results.length = 0;
health.length = 0;
pages.length = 0;
// Phase 1: the database crashes (immediate stop) and comes back.
await sleep(3000);
const stopIssued = at();
await pgctl("stop");
const stopAt = at(); // down from here
await sleep(6000);
const startIssued = at(); // down until here; PostgreSQL starts accepting connections during the command
await pgctl("start");
const startAt = at(); // ready from here
await sleep(5000);
// Phase 2: the database hangs (every PostgreSQL process stopped with SIGSTOP) and resumes.
const hangAt = at();
await signalAll("STOP");
await sleep(8000);
await signalAll("CONT");
const resumeAt = at();
await sleep(5000);
running = false;
await Promise.all(work);

const acked = results.filter((r) => r.status >= 200 && r.status < 300);
const failed = results.filter((r) => !(r.status >= 200 && r.status < 300));
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const { rows } = await client.query('SELECT id FROM "WebhookEvent" WHERE id = ANY($1)', [acked.map((r) => r.id)]);
const { rows: allRows } = await client.query('SELECT count(*)::int AS n FROM "WebhookEvent"');
await client.end();
const found = new Set(rows.map((r) => r.id));
const lost = acked.filter((r) => !found.has(r.id));
const firstOkAfter = results.filter((r) => r.sentAt >= startAt && r.status === 200).sort((a, b) => a.sentAt + a.ms - (b.sentAt + b.ms))[0];
const recoveryMs = firstOkAfter ? firstOkAfter.sentAt + firstOkAfter.ms - startAt : null;
const outageFailures = results.filter((r) => r.sentAt >= stopAt && r.sentAt + r.ms < startIssued);
const firstOkAfterIssued = results.filter((r) => r.sentAt >= startIssued && r.status === 200).sort((a, b) => a.sentAt + a.ms - (b.sentAt + b.ms))[0];
const issuedToOkMs = firstOkAfterIssued ? firstOkAfterIssued.sentAt + firstOkAfterIssued.ms - startIssued : null;
// Requests still in flight when the hang began belong to the hang, not the crash.
const crashFailed = failed.filter((r) => r.sentAt + r.ms <= hangAt);
const maxFailMs = Math.max(0, ...crashFailed.map((r) => r.ms));
const hangSent = results.filter((r) => r.sentAt < resumeAt && r.sentAt + r.ms > hangAt);
const hangFailed = hangSent.filter((r) => r.status !== 200);
const hangMaxMs = Math.max(0, ...hangFailed.map((r) => r.ms));
const firstOkAfterResume = results.filter((r) => r.sentAt >= resumeAt && r.status === 200).sort((a, b) => a.sentAt + a.ms - (b.sentAt + b.ms))[0];
const resumeRecoveryMs = firstOkAfterResume ? firstOkAfterResume.sentAt + firstOkAfterResume.ms - resumeAt : null;
// Health: how soon it reports each outage, what it says during it, and how fast it answers throughout.
const firstDown = (from) => health.find((h) => h.at >= from && h.status === 503);
const detect = (from) => {
  const h = firstDown(from);
  return h ? `${h.at + h.ms - from} ms` : "never";
};
const healthDuring = health.filter((h) => h.at >= stopAt + 2000 && h.at < startIssued);
const healthHang = health.filter((h) => h.at >= hangAt + 2000 && h.at < resumeAt);
const allSorted = health.map((h) => h.ms).sort((a, b) => a - b);
const healthP99 = allSorted[Math.floor(allSorted.length * 0.99)] ?? 0;
const healthMax = Math.max(0, ...health.map((h) => h.ms));
// Pages: the slowest error page in each outage, and when the list was back.
const pageDown = pages.filter((p) => p.at >= stopAt && p.at < startIssued);
const pageHung = pages.filter((p) => p.at >= hangAt && p.at < resumeAt);
const pageSlowest = (list) => (list.length ? `${Math.max(...list.map((p) => p.ms))} ms (${list.filter((p) => p.error).length} of ${list.length} error pages)` : "no probe");
const pageBack = (from) => {
  const p = pages.find((x) => x.at >= from && !x.error && x.status === 200);
  return p ? `${p.at + p.ms - from} ms` : "never";
};
const pageUp = pages.filter((p) => p.at + p.ms < stopIssued || (p.at >= startAt + 1000 && p.at + p.ms < hangAt) || p.at >= resumeAt + 1000);

app.kill("SIGTERM");
await sim.close();
await db.drop().catch(() => {});

const report = `### Database outage drill — ${new Date().toISOString()}

Command: \`npm run drill:db\` (10 concurrent senders of signed webhook events to the built app (\`server.mjs\`) on PostgreSQL ${version};
after a 2 s warm-up; crash: \`pg_ctlcluster … stop -m immediate\` done at t=${(stopAt / 1000).toFixed(1)} s, \`start\` issued at t=${(startIssued / 1000).toFixed(1)} s, done at t=${(startAt / 1000).toFixed(1)} s;
hang: SIGSTOP to every PostgreSQL process at t=${(hangAt / 1000).toFixed(1)} s, SIGCONT at t=${(resumeAt / 1000).toFixed(1)} s).

| measure | result | target |
|---|---|---|
| events sent | ${results.length} | |
| acknowledged (2xx) | ${acked.length} | |
| acknowledged events found in the database | ${acked.length - lost.length} | all |
| **acknowledged but missing** | **${lost.length}** | 0 (W7) |
| rows in the database (incl. stored whose ack was lost) | ${allRows[0].n} | ≥ acknowledged |
| non-2xx answers (all during the outage) | ${failed.length} (statuses: ${[...new Set(failed.map((r) => r.status))].join(", ") || "none"}) | every failure non-2xx (W7) |
| requests answered while the database was down (stopped, start not yet issued) | ${outageFailures.length}, of which 2xx: ${outageFailures.filter((r) => r.status === 200).length} | 0 |
| crash: slowest failing answer | ${maxFailMs} ms | ≤ 2 s (F5) |
| crash: first 2xx after \`start\` returned (database ready) / after it was issued (incl. PostgreSQL's own start-up) | ${recoveryMs === null ? "never" : `${recoveryMs} ms`} / ${issuedToOkMs === null ? "never" : `${issuedToOkMs} ms`} | ≤ 5 s (W7, F5) |
| crash: /api/health reports it after / answers from 2 s on | ${detect(stopAt)} / ${[...new Set(healthDuring.map((h) => h.status))].join(", ") || "no probe"} | 503 |
| hang: requests in flight while hung / 2xx among them | ${hangSent.length} / ${hangSent.length - hangFailed.length} | 2xx only if stored |
| hang: slowest failing answer | ${hangMaxMs} ms | ≤ 6 s (F5) |
| hang: first 2xx after the database resumed | ${resumeRecoveryMs === null ? "never" : `${resumeRecoveryMs} ms`} | ≤ 5 s (F5) |
| hang: /api/health reports it after / answers from 2 s on | ${detect(hangAt)} / ${[...new Set(healthHang.map((h) => h.status))].join(", ") || "no probe"} | 503 |
| pages (signed-in /charges) while down: slowest answer | ${pageSlowest(pageDown)} | error page ≤ 2 s (F5) |
| pages while hung: slowest answer | ${pageSlowest(pageHung)} | error page ≤ 6 s (F5) |
| pages: list shown again after \`start\` returned / after SIGCONT | ${pageBack(startAt)} / ${pageBack(resumeAt)} | ≤ 5 s (F5) |
| pages while the database is up: error pages | ${pageUp.filter((p) => p.error).length} of ${pageUp.length} | 0 |
| /api/health latency throughout (${health.length} probes, up, down and hung): p99 / max | ${healthP99} ms / ${healthMax} ms | p99 < 100 ms (F5) |
`;
console.log(report);
if (process.env.DRILL_VERBOSE) for (const h of health.filter((x) => x.ms > 80)) console.log(`slow health: t=${h.at} ms, HTTP ${h.status}, ${h.ms} ms`);
for (const p of pageUp.filter((x) => x.error)) console.log(`error page while up: t=${p.at} ms, HTTP ${p.status}, ${p.ms} ms (stop ${stopAt}, start ${startIssued}-${startAt}, hang ${hangAt}-${resumeAt})`);
if (process.argv.includes("--write")) {
  const doc = path.join(ROOT, "docs", "reliability.md");
  const text = readFileSync(doc, "utf8");
  const marker = "<!-- drill:db -->";
  const [head, rest = ""] = text.split(marker);
  const tail = rest.includes("<!-- /drill:db -->") ? rest.slice(rest.indexOf("<!-- /drill:db -->")) : "<!-- /drill:db -->\n";
  writeFileSync(doc, `${head}${marker}\n${report}\n${tail}`);
  console.log(`Written to ${doc}`);
}
process.exit(lost.length === 0 && outageFailures.every((r) => r.status !== 200) ? 0 : 1);
