// npm run bench:webhooks — webhook acknowledgement latency and throughput
// (targets W3 and W4) against the built app on real PostgreSQL: 50 concurrent
// senders of signed, unique events, 10 s for latency then 60 s for throughput.
// Every acknowledged event is checked in the database afterwards.
// Pass --write to record the report in docs/reliability.md; --short for 3 s + 10 s.
import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ROOT, startBuiltApp } from "./lib.mjs";
import { TEST_NEXTAUTH_SECRET, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, createPgDatabase } from "../tests/test-env.mjs";

const short = process.argv.includes("--short");
const PORT = 3220;
const CONCURRENCY = 50;
const db = await createPgDatabase(process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/postgres", "kd_bench");
const secrets = { nextauth: TEST_NEXTAUTH_SECRET, omiseKey: TEST_SECRET_KEY, webhook: TEST_WEBHOOK_SECRET };
// The events carry no charge, so the Omise URL is never called.
const app = await startBuiltApp({ port: PORT, databaseUrl: db.url, omiseUrl: "http://127.0.0.1:9", secrets });
const key = Buffer.from(TEST_WEBHOOK_SECRET, "base64");
let seq = 0;

async function phase(name, seconds) {
  const lat = [];
  const acked = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < until) {
      const id = `evnt_test_bench_${name}_${seq++}`;
      const body = JSON.stringify({ object: "event", id, key: "transfer.update", created_at: new Date().toISOString(), data: { object: "transfer", id: "trsf_x" } });
      const ts = String(Math.floor(Date.now() / 1000));
      const headers = { "Content-Type": "application/json", "Omise-Signature": createHmac("sha256", key).update(`${ts}.${body}`).digest("hex"), "Omise-Signature-Timestamp": ts };
      const t = performance.now();
      try {
        const res = await fetch(`http://127.0.0.1:${PORT}/api/webhooks/omise`, { method: "POST", body, headers });
        await res.arrayBuffer();
        lat.push(performance.now() - t);
        if (res.status === 200) acked.push(id);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? 0;
  return { name, seconds, elapsed, sent: lat.length + errors, acked, errors, rate: acked.length / elapsed, p50: q(0.5), p99: q(0.99), max: lat.at(-1) ?? 0 };
}

await phase("warmup", 2);
const w3 = await phase("latency", short ? 3 : 10);
const w4 = await phase("throughput", short ? 10 : 60);
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const missing = [];
for (const r of [w3, w4]) {
  const { rows } = await client.query('SELECT count(*)::int AS n FROM "WebhookEvent" WHERE id = ANY($1)', [r.acked]);
  missing.push(r.acked.length - rows[0].n);
}
await client.end();
app.kill("SIGTERM");
await db.drop().catch(() => {});

const ms = (v) => `${v.toFixed(1)} ms`;
const report = `### Webhook benchmark — ${new Date().toISOString()}

Command: \`npm run bench:webhooks\` (${CONCURRENCY} concurrent senders, signed unique events, \`next start\` and
PostgreSQL and the load generator all on this 2-core machine, nothing pinned).

| target | measured | goal |
|---|---|---|
| W3 ack latency, ${w3.seconds} s at ${CONCURRENCY} concurrent | p50 ${ms(w3.p50)}, **p99 ${ms(w3.p99)}**, max ${ms(w3.max)} | p99 ≤ 250 ms, max ≤ 2 s |
| W4 throughput, ${w4.seconds} s | **${w4.rate.toFixed(0)} events/s** (${w4.acked.length} acknowledged), ${w4.errors} errors, p99 ${ms(w4.p99)} | ≥ 500/s, 0 errors |
| acknowledged but not in the database | ${missing[0]} + ${missing[1]} | 0 |
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
