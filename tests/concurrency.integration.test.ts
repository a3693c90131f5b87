import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { receiveOmiseEvent } from "@/lib/webhooks/receive-event";
import { processStoredEvents } from "@/lib/webhooks/process-stored-event";
import { signPayload } from "@/lib/omise/signature";
import type { Actor } from "@/lib/auth/types";
import { makeUser, sim, waitFor, uniqueCustomer } from "./helpers";
import { TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "./test-env.mjs";

// Races need a real server: PGlite is one process with one connection.
const onPostgres = Boolean(process.env.DATABASE_URL);
const simUrl = inject("simulatorUrl");
const auth = { Authorization: `Basic ${Buffer.from(`${TEST_SECRET_KEY}:`).toString("base64")}` };

function sign(event: object) {
  const rawBody = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return { rawBody, timestamp, signature: signPayload(rawBody, timestamp, TEST_WEBHOOK_SECRET) };
}

function startInstance(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/instance-server.ts"], {
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once("data", (d: Buffer) => resolve({ url: d.toString().trim(), child }));
    child.once("exit", (code) => reject(new Error(`instance exited ${code}`)));
  });
}

describe.skipIf(!onPostgres)("concurrency on PostgreSQL", () => {
  let staff: Actor;
  const instances: { url: string; child: ChildProcess }[] = [];
  beforeAll(async () => {
    staff = await makeUser("staff");
    await sim(simUrl, "/_sim/config", { webhook_url: null });
    instances.push(await startInstance(), await startInstance());
  });
  afterAll(() => {
    for (const i of instances) i.child.kill("SIGTERM");
  });

  const newCharge = async (i: number) =>
    (await createCharge({ actor: staff, input: { amount: 700 + i, customerName: `ヘイコウ${i}`, ...uniqueCustomer() } })).charge;

  it("20 concurrent copies of one event give one stored row and one status change (W5, D3)", async () => {
    const charge = await newCharge(0);
    await sim(simUrl, `/charges/${charge.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
    const e = sign({ object: "event", id: `evnt_test_c20${Date.now()}`, key: "charge.complete", created_at: new Date().toISOString(), data: { object: "charge", id: charge.id } });
    const results = await Promise.all(Array.from({ length: 20 }, () => receiveOmiseEvent(e)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    await Promise.all(results.map((r) => (r.status === 200 ? r.processing : null)));
    const db = await getDb();
    expect(await db.webhookEvent.count({ where: { id: JSON.parse(e.rawBody).id } })).toBe(1);
    expect(await db.chargeEvent.count({ where: { chargeId: charge.id, kind: "status_changed" } })).toBe(1);
  });

  it("20 concurrent applications of one stored event, past the queue, still make one status change (the SQL guard alone)", async () => {
    const charge = await newCharge(20);
    await sim(simUrl, `/charges/${charge.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
    const db = await getDb();
    const id = `evnt_test_raw20${Date.now()}`;
    await db.webhookEvent.create({ data: { id, key: "charge.complete", chargeId: charge.id, payload: { id } } });
    const applied = await Promise.all(Array.from({ length: 20 }, () => processStoredEvents([id], charge.id)));
    expect(applied).toEqual(Array(20).fill(true));
    expect((await db.charge.findUniqueOrThrow({ where: { id: charge.id } })).status).toBe("successful");
    expect(await db.chargeEvent.count({ where: { chargeId: charge.id, kind: "status_changed" } })).toBe(1);
  });

  it("two app instances receiving the same events in different orders agree, with one change per charge", async () => {
    const charges = [];
    for (let i = 1; i <= 8; i++) charges.push(await newCharge(i));
    const outcomes = ["mark_as_paid", "mark_as_failed", "expire"] as const;
    const events: ReturnType<typeof sign>[] = [];
    for (const [i, c] of charges.entries()) {
      events.push(sign({ object: "event", id: `evnt_test_cr${i}a${Date.now()}`, key: "charge.create", created_at: new Date().toISOString(), data: { object: "charge", id: c.id } }));
      await sim(simUrl, `/charges/${c.id}/${outcomes[i % 3]}`, {}, TEST_SECRET_KEY);
      events.push(sign({ object: "event", id: `evnt_test_cr${i}b${Date.now()}`, key: "charge.complete", created_at: new Date().toISOString(), data: { object: "charge", id: c.id } }));
    }
    const send = (url: string, e: ReturnType<typeof sign>) =>
      fetch(url, { method: "POST", body: e.rawBody, headers: { "Content-Type": "application/json", "Omise-Signature": e.signature, "Omise-Signature-Timestamp": e.timestamp } });
    const [a, b] = instances;
    const forward = events.map((e) => send(a?.url ?? "", e));
    const backward = [...events].reverse().map((e) => send(b?.url ?? "", e));
    const statuses = (await Promise.all([...forward, ...backward])).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const db = await getDb();
    // The 2xx comes once an event is stored; each instance applies it just after.
    const ids = events.map((e) => JSON.parse(e.rawBody).id as string);
    await waitFor(async () => (await db.webhookEvent.count({ where: { id: { in: ids }, processedAt: null } })) === 0);
    for (const c of charges) {
      const truth = (await (await fetch(`${simUrl}/charges/${c.id}`, { headers: auth })).json()) as { status: string };
      expect((await db.charge.findUniqueOrThrow({ where: { id: c.id } })).status).toBe(truth.status);
      expect(await db.chargeEvent.count({ where: { chargeId: c.id, kind: "status_changed" } })).toBe(1);
    }
  });

  it("concurrent creates with one idempotency key from different connections make one charge (D3)", async () => {
    const key = `conc-${Date.now()}`;
    const input = { amount: 999, customerName: "ドウジ", ...uniqueCustomer(), idempotencyKey: key };
    const results = await Promise.all(Array.from({ length: 20 }, () => createCharge({ actor: staff, input })));
    expect(new Set(results.map((r) => r.charge.id)).size).toBe(1);
    const db = await getDb();
    expect(await db.chargeAttempt.count({ where: { idempotencyKey: key } })).toBe(1);
  });
});
