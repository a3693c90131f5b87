// npm run drill:db — database outage drill (targets W7 and F5).
// Starts the built app on real PostgreSQL, sends signed webhook events from 10
// concurrent senders, stops PostgreSQL (immediate mode) at t=3 s and starts it
// again at t=9 s, then checks that every acknowledged event is in the database,
// that every failure was a non-2xx, and how fast the app recovered.
// Needs: `npm run build`, root, and the machine's PostgreSQL cluster. Pass
// --write to record the report in docs/reliability.md.
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ROOT, runBin, waitForUrl } from "./lib.mjs";
import { startSimulator } from "../simulator/server.mjs";
import { TEST_NEXTAUTH_SECRET, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, createPgDatabase } from "../tests/test-env.mjs";
import { createHmac } from "node:crypto";

const BASE = process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/postgres";
const PORT = 3210;
const version = readdirSync("/etc/postgresql")[0];
const pgctl = (action) => execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", action, ...(action === "stop" ? ["-m", "immediate"] : [])], { stdio: "ignore" });

const db = await createPgDatabase(BASE, "kd_drill");
const sim = await startSimulator({ port: 0, secretKey: TEST_SECRET_KEY });
const env = {
  DATABASE_URL: db.url,
  NEXTAUTH_URL: `http://localhost:${PORT}`,
  NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET,
  OMISE_SECRET_KEY: TEST_SECRET_KEY,
  OMISE_API_URL: sim.url,
  OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
  RECONCILE_INTERVAL_SECONDS: "0",
  NODE_ENV: "production",
};
await runBin("prisma", ["migrate", "deploy"], { env, quiet: true });
const app = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", String(PORT)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: "ignore" });
await waitForUrl(`http://127.0.0.1:${PORT}/api/health`);

const key = Buffer.from(TEST_WEBHOOK_SECRET, "base64");
const t0 = Date.now();
const at = () => Date.now() - t0;
const results = []; // { id, status, sentAt, ms }
const health = []; // { at, status, ms }
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

async function healthProbe() {
  while (running) {
    const start = at();
    let status = 0;
    try {
      status = (await fetch(`http://127.0.0.1:${PORT}/api/health`, { signal: AbortSignal.timeout(10_000) })).status;
    } catch {
      status = -1;
    }
    health.push({ at: start, status, ms: at() - start });
    await new Promise((r) => setTimeout(r, 200));
  }
}

const work = [...Array.from({ length: 10 }, (_, i) => sender(i)), healthProbe()];
await new Promise((r) => setTimeout(r, 3000));
const stopAt = at();
pgctl("stop");
await new Promise((r) => setTimeout(r, 6000));
pgctl("start");
const startAt = at();
await new Promise((r) => setTimeout(r, 5000));
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
const outageFailures = results.filter((r) => r.sentAt >= stopAt && r.sentAt < startAt);
const maxFailMs = Math.max(0, ...failed.map((r) => r.ms));
const healthDuring = health.filter((h) => h.at >= stopAt + 500 && h.at < startAt);
const healthMax = Math.max(0, ...health.map((h) => h.ms));
const sorted = health.map((h) => h.ms).sort((a, b) => a - b);
const healthP99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;

app.kill("SIGTERM");
await sim.close();
await db.drop().catch(() => {});

const report = `### Database outage drill — ${new Date().toISOString()}

Command: \`npm run drill:db\` (10 concurrent senders of signed webhook events to \`next start\` on PostgreSQL ${version};
\`pg_ctlcluster … stop -m immediate\` at t=${(stopAt / 1000).toFixed(1)} s, \`start\` at t=${(startAt / 1000).toFixed(1)} s).

| measure | result | target |
|---|---|---|
| events sent | ${results.length} | |
| acknowledged (2xx) | ${acked.length} | |
| acknowledged events found in the database | ${acked.length - lost.length} | all |
| **acknowledged but missing** | **${lost.length}** | 0 (W7) |
| rows in the database (incl. stored whose ack was lost) | ${allRows[0].n} | ≥ acknowledged |
| non-2xx answers (all during the outage) | ${failed.length} (statuses: ${[...new Set(failed.map((r) => r.status))].join(", ") || "none"}) | every failure non-2xx (W7) |
| requests sent while the database was down | ${outageFailures.length}, of which 2xx: ${outageFailures.filter((r) => r.status === 200).length} | 0 |
| slowest failing answer | ${maxFailMs} ms | ≤ 2 s (F5) |
| first 2xx after the database came back | ${recoveryMs === null ? "never" : `${recoveryMs} ms`} | ≤ 5 s (W7, F5) |
| /api/health while down | ${[...new Set(healthDuring.map((h) => h.status))].join(", ") || "no probe"} | 503 |
| /api/health latency p99 / max | ${healthP99} ms / ${healthMax} ms | p99 < 100 ms (F5) |
`;
console.log(report);
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
