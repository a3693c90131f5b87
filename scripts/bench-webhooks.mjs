// npm run bench:webhooks — webhook acknowledgement latency and throughput
// (targets W3 and W4), measured as docs/reliability.md and the targets
// document prescribe: the built app (server.mjs) on real PostgreSQL, pinned to
// core 0; autocannon in this process, pinned to core 1, 50 connections, every
// request a freshly signed, unique `charge.complete` event for one of 2,000
// real charges picked at random, so each one is verified, stored and then
// applied (re-fetched from the Omise simulator) exactly as in production. 3 s warm-up, 10 s for latency (W3),
// 60 s for throughput (W4). A bare node:http server on the same core gives the
// baseline the ratio is reported against. Afterwards every acknowledged event
// is looked up in the database, and the time until all are applied is taken.
// Pass --write to record the report in docs/reliability.md; --short for 3 s + 10 s.
import { spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { ROOT, buildIfStale, seed, startBuiltApp, waitForUrl } from "./lib.mjs";
import { TEST_NEXTAUTH_SECRET, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, createPgDatabase } from "../tests/test-env.mjs";

const short = process.argv.includes("--short");
const PORT = 3220;
const SIM_PORT = 4320;
const CHARGES = 2_000;
const BASELINE_PORT = 3221;
const CONNECTIONS = 50;
const W3_SECONDS = short ? 3 : 10;
const W4_SECONDS = short ? 10 : 60;

// Core 0 for the server under test, core 1 for the load generator (this
// process); PostgreSQL and the simulator float. Without taskset or a second
// core, nothing is pinned and the report says so.
const cores = os.availableParallelism();
const canPin = cores >= 2 && spawnSync("taskset", ["-cp", "1", String(process.pid)], { stdio: "ignore" }).status === 0;
const serverCpu = canPin ? 0 : undefined;

await buildIfStale();
const db = await createPgDatabase(process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/postgres", "kd_bench");
const simulator = spawn(process.execPath, [path.join(ROOT, "simulator", "server.mjs")], {
  cwd: ROOT,
  env: { ...process.env, OMISE_SIM_PORT: String(SIM_PORT), OMISE_SECRET_KEY: TEST_SECRET_KEY, OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET },
  stdio: "ignore",
});
const simUrl = `http://127.0.0.1:${SIM_PORT}`;
await waitForUrl(`${simUrl}/charges`);
const secrets = { nextauth: TEST_NEXTAUTH_SECRET, omiseKey: TEST_SECRET_KEY, webhook: TEST_WEBHOOK_SECRET };
const app = await startBuiltApp({ port: PORT, databaseUrl: db.url, omiseUrl: simUrl, secrets, cpu: serverCpu });
// An admin (through the app's own seed), then CHARGES real charges: made at the
// simulator through its API, and recorded locally as the app records them.
await seed({ DATABASE_URL: db.url, OMISE_API_URL: simUrl, OMISE_SECRET_KEY: TEST_SECRET_KEY, OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET, ADMIN_EMAIL: "bench@example.com", ADMIN_PASSWORD: "bench-admin-password" });
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const chargeIds = await makeCharges(CHARGES);

async function makeCharges(n) {
  const auth = { Authorization: `Basic ${Buffer.from(`${TEST_SECRET_KEY}:`).toString("base64")}`, "Content-Type": "application/json" };
  const post = async (p, body) => {
    const res = await fetch(`${simUrl}${p}`, { method: "POST", headers: auth, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`simulator POST ${p}: HTTP ${res.status}`);
    return res.json();
  };
  const { rows } = await client.query(`SELECT id FROM "User" WHERE role = 'admin' LIMIT 1`);
  const ids = [];
  for (let i = 0; i < n; i++) {
    const source = await post("/sources", { type: "econtext", amount: 1000 + i, currency: "JPY", name: "ベンチ", email: "bench@example.jp", phone_number: "0312345678" });
    const charge = await post("/charges", { amount: 1000 + i, currency: "JPY", source: source.id, metadata: { reference: `kd_bench_${i}` } });
    await client.query(
      `INSERT INTO "Charge" (id, reference, status, amount, currency, "customerName", "customerEmail", "customerPhone", "createdById", "expiresAt", "updatedAt")
       VALUES ($1, $2, $3, $4, 'JPY', 'ベンチ', 'bench@example.jp', '0312345678', $5, $6, now())`,
      [charge.id, `kd_bench_${i}`, charge.status, charge.amount, rows[0].id, charge.expires_at],
    );
    ids.push(charge.id);
  }
  return ids;
}

const key = Buffer.from(TEST_WEBHOOK_SECRET, "base64");
let seq = 0;

/** One autocannon run; with `collect`, the ids the app acknowledged. */
async function load(name, url, seconds, { sign = true, collect } = {}) {
  const request = { method: "POST", path: new URL(url).pathname };
  if (sign) {
    request.setupRequest = (req) => {
      const id = `evnt_test_bench_${name}_${seq++}`;
      const body = JSON.stringify({ object: "event", id, key: "charge.complete", created_at: new Date().toISOString(), data: { object: "charge", id: chargeIds[Math.floor(Math.random() * chargeIds.length)] } });
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = createHmac("sha256", key).update(`${ts}.${body}`).digest("hex");
      return { ...req, body, headers: { "content-type": "application/json", "omise-signature": signature, "omise-signature-timestamp": ts } };
    };
  } else {
    request.body = JSON.stringify({ object: "event", id: "evnt_baseline", key: "charge.complete" });
    request.headers = { "content-type": "application/json" };
  }
  if (collect) {
    request.onResponse = (status, body) => {
      if (status === 200) collect.push(JSON.parse(body).received);
    };
  }
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests: [request] });
  return {
    name,
    seconds,
    total: r.requests.total,
    rate: r.requests.total / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** How long until every acknowledged event is applied (processedAt set). */
async function drained(ids, timeoutMs = 300_000) {
  const started = Date.now();
  for (;;) {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM "WebhookEvent" WHERE id = ANY($1) AND "processedAt" IS NULL', [ids]);
    if (rows[0].n === 0) return { seconds: (Date.now() - started) / 1000, left: 0 };
    if (Date.now() - started > timeoutMs) return { seconds: null, left: rows[0].n };
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function missing(ids) {
  const { rows } = await client.query('SELECT count(*)::int AS n FROM "WebhookEvent" WHERE id = ANY($1)', [ids]);
  return ids.length - rows[0].n;
}

const webhookUrl = `http://127.0.0.1:${PORT}/api/webhooks/omise`;
console.log(`Warming up (3 s)… charges: ${chargeIds.length}, pinned: ${canPin ? "server core 0, load core 1" : "no"}`);
const warmIds = [];
await load("warmup", webhookUrl, 3, { collect: warmIds });
await drained(warmIds);
console.log(`W3: ${W3_SECONDS} s at ${CONNECTIONS} connections…`);
const w3ids = [];
const w3 = await load("latency", webhookUrl, W3_SECONDS, { collect: w3ids });
const w3drain = await drained(w3ids);
console.log(`W4: ${W4_SECONDS} s at ${CONNECTIONS} connections…`);
const w4ids = [];
const w4 = await load("throughput", webhookUrl, W4_SECONDS, { collect: w4ids });
const w4drain = await drained(w4ids);
const lost = [await missing(w3ids), await missing(w4ids)];
await client.end();
app.kill("SIGTERM");
simulator.kill("SIGTERM");

// The same load against a bare node:http server on the same core: the ceiling
// of this machine and harness, for the ratio.
const baseline = spawn(
  ...(canPin ? ["taskset", ["-c", "0", process.execPath, "-e", BASELINE_SERVER()]] : [process.execPath, ["-e", BASELINE_SERVER()]]),
  { stdio: "ignore" },
);
await waitForUrl(`http://127.0.0.1:${BASELINE_PORT}/`);
await load("baseline-warmup", `http://127.0.0.1:${BASELINE_PORT}/`, 3, { sign: false });
const bare = await load("baseline", `http://127.0.0.1:${BASELINE_PORT}/`, W3_SECONDS, { sign: false });
baseline.kill("SIGTERM");
await db.drop().catch(() => {});

function BASELINE_SERVER() {
  return `require("node:http").createServer((q, s) => { q.resume(); q.on("end", () => s.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}')); }).listen(${BASELINE_PORT}, "127.0.0.1");`;
}

const ms = (v) => `${Number(v).toFixed(0)} ms`;
const verdict = (ok) => (ok ? "met" : "**not met**");
const drain = (d) => (d.seconds === null ? `${d.left} still unapplied after 300 s` : `all applied ${d.seconds.toFixed(1)} s after the last answer`);
const report = `### Webhook benchmark — ${new Date().toISOString()}

Command: \`npm run bench:webhooks\`. ${CONNECTIONS} autocannon connections, each request a newly signed,
unique \`charge.complete\` event for one of ${chargeIds.length} real charges picked at random (stored, then applied:
re-fetched from the Omise simulator; events for a charge already waiting in line share its re-fetch). Server (\`server.mjs\`) ${canPin ? "pinned to core 0, autocannon to core 1" : "not pinned (no taskset or one core)"};
PostgreSQL ${process.env.TEST_DATABASE_URL ? "at TEST_DATABASE_URL" : "on 127.0.0.1:5432"} and the simulator unpinned. ${cores} cores, Node ${process.version}.

| target | measured | goal | |
|---|---|---|---|
| W3 ack latency, ${W3_SECONDS} s | p50 ${ms(w3.p50)}, **p99 ${ms(w3.p99)}**, max ${ms(w3.max)}; ${w3.rate.toFixed(0)} events/s | p99 ≤ 250 ms, max ≤ 2 s | ${verdict(w3.p99 <= 250 && w3.max <= 2000)} |
| W4 throughput, ${W4_SECONDS} s | **${w4.rate.toFixed(0)} events/s** (${w4.total} answered), ${w4.errors} errors, ${w4.non2xx} non-2xx, p99 ${ms(w4.p99)} | ≥ 500/s, 0 errors, 0 non-2xx | ${verdict(w4.rate >= 500 && w4.errors === 0 && w4.non2xx === 0)} |
| acknowledged but not in the database | ${lost[0]} (W3) + ${lost[1]} (W4) | 0 | ${verdict(lost[0] + lost[1] === 0)} |
| applied after acknowledgement | W3: ${drain(w3drain)}; W4: ${drain(w4drain)} | | |
| bare \`node:http\` on the same core, same harness | ${bare.rate.toFixed(0)} req/s, p99 ${ms(bare.p99)}; webhook/bare = ${(w4.rate / bare.rate).toFixed(2)} | | |
`;
console.log(report);
if (process.argv.includes("--write")) {
  const doc = path.join(ROOT, "docs", "reliability.md");
  const text = readFileSync(doc, "utf8");
  const [head, rest = ""] = text.split("<!-- bench:webhooks -->");
  const tail = rest.includes("<!-- /bench:webhooks -->") ? rest.slice(rest.indexOf("<!-- /bench:webhooks -->")) : "<!-- /bench:webhooks -->\n";
  writeFileSync(doc, `${head}<!-- bench:webhooks -->\n${report}\n${tail}`);
}
process.exit(0);
