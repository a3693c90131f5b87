import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { runReconciliation } from "@/lib/reconcile/run-reconciliation";
import { receiveOmiseEvent } from "@/lib/webhooks/receive-event";
import { PROCESSING_CONCURRENCY } from "@/lib/webhooks/processing-queue";
import { signPayload } from "@/lib/omise/signature";
import type { Actor } from "@/lib/auth/types";
import { makeUser, sim, startWebhookReceiver, waitFor, uniqueCustomer } from "./helpers";
import { TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "./test-env.mjs";

// Omise's deliveries as the real world sends them: duplicated, delayed,
// reordered or dropped, driven through the simulator's fault controls.
const simUrl = inject("simulatorUrl");
let staff: Actor;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const faults = (webhooks: object) => sim(simUrl, "/_sim/faults", { webhooks });

beforeAll(async () => {
  staff = await makeUser("staff");
  receiver = await startWebhookReceiver();
  await sim(simUrl, "/_sim/config", { webhook_url: receiver.url });
});
afterAll(async () => {
  await fetch(`${simUrl}/_sim/faults`, { method: "DELETE" });
  await sim(simUrl, "/_sim/config", { webhook_url: null });
  await receiver.close();
});

const newCharge = async (name: string) =>
  (await createCharge({ actor: staff, input: { amount: 600, customerName: name, ...uniqueCustomer() } })).charge;
const local = async (id: string) => (await getDb()).charge.findUniqueOrThrow({ where: { id } });
const changes = async (id: string) => (await getDb()).chargeEvent.count({ where: { chargeId: id, kind: "status_changed" } });

describe("webhooks under faults", () => {
  it("the 2xx does not wait for Omise: with the re-fetch hung, the event is acknowledged at once and applied later", { timeout: 30_000 }, async () => {
    await sim(simUrl, "/_sim/config", { webhook_url: null }); // only this test's event re-fetches the charge
    try {
      const c = await newCharge("マタセ");
      await sim(simUrl, `/charges/${c.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
      await sim(simUrl, "/_sim/faults", { api: [{ method: "GET", path: `^/charges/${c.id}$`, action: "hang", times: 1 }] });
      const rawBody = JSON.stringify({ object: "event", id: `evnt_test_hung${Date.now()}`, key: "charge.complete", created_at: new Date().toISOString(), data: { object: "charge", id: c.id } });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const started = Date.now();
      // Over HTTP, through the listener the production server uses.
      const res = await fetch(receiver.url, {
        method: "POST",
        body: rawBody,
        headers: { "Content-Type": "application/json", "Omise-Signature": signPayload(rawBody, timestamp, TEST_WEBHOOK_SECRET), "Omise-Signature-Timestamp": timestamp },
      });
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await local(c.id)).status).toBe("pending"); // stored, its re-fetch still hung
      // The hung call times out (10 s), the retry gets through, and the charge is paid.
      await waitFor(async () => (await local(c.id)).status === "successful", 20_000);
      expect(Date.now() - started).toBeGreaterThan(9_000);
    } finally {
      await fetch(`${simUrl}/_sim/faults`, { method: "DELETE" });
      await sim(simUrl, "/_sim/config", { webhook_url: receiver.url });
    }
  });

  it("events for a charge waiting in line share one re-fetch from Omise", { timeout: 30_000 }, async () => {
    await sim(simUrl, "/_sim/config", { webhook_url: null });
    try {
      const blockers = [];
      for (let i = 0; i < PROCESSING_CONCURRENCY; i++) blockers.push(await newCharge(`フサグ${i}`));
      const target = await newCharge("マトメ");
      await sim(simUrl, `/charges/${target.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
      // Every processing slot hangs on another charge's re-fetch (once each; the retry gets through).
      const hung = blockers.map((b) => b.id).join("|");
      await sim(simUrl, "/_sim/faults", { api: [{ method: "GET", path: `^/charges/(${hung})$`, action: "hang", times: blockers.length }] });
      const fetches = async () => ((await (await fetch(`${simUrl}/_sim/stats`)).json()) as { requests: Record<string, number> }).requests["GET /charges/:id"] ?? 0;
      const before = await fetches();
      const receive = (chargeId: string, n: number) => {
        const rawBody = JSON.stringify({ object: "event", id: `evnt_test_join${n}_${Date.now()}`, key: "charge.complete", created_at: new Date().toISOString(), data: { object: "charge", id: chargeId } });
        const timestamp = String(Math.floor(Date.now() / 1000));
        return receiveOmiseEvent({ rawBody, timestamp, signature: signPayload(rawBody, timestamp, TEST_WEBHOOK_SECRET) });
      };
      const blocked = await Promise.all(blockers.map((b, i) => receive(b.id, i)));
      const joined = [];
      for (let n = 0; n < 10; n++) joined.push(await receive(target.id, 100 + n));
      const applied = await Promise.all([...blocked, ...joined].map((r) => (r.status === 200 ? r.processing : false)));
      expect(applied.every(Boolean)).toBe(true);
      // Each blocker: the hung call and its retry. The ten events for the target: one fetch.
      expect((await fetches()) - before).toBe(blockers.length * 2 + 1);
      expect((await local(target.id)).status).toBe("successful");
      expect(await changes(target.id)).toBe(1);
      const ids = joined.map((r) => (r.status === 200 ? r.eventId : ""));
      expect(await (await getDb()).webhookEvent.count({ where: { id: { in: ids }, processedAt: { not: null } } })).toBe(10);
    } finally {
      await fetch(`${simUrl}/_sim/faults`, { method: "DELETE" });
      await sim(simUrl, "/_sim/config", { webhook_url: receiver.url });
    }
  });

  it("duplicated deliveries: five copies of each event, one change", async () => {
    await faults({ mode: "duplicate", copies: 5 });
    const c = await newCharge("ダブリ");
    await sim(simUrl, `/pay/${c.id}/pay`);
    await waitFor(async () => (await local(c.id)).status === "successful");
    await new Promise((r) => setTimeout(r, 500));
    expect(await changes(c.id)).toBe(1);
  });

  it("reordered deliveries: charge.complete before charge.create still ends paid", async () => {
    await faults({ mode: "reorder" });
    const c = await newCharge("ギャク");
    await sim(simUrl, `/pay/${c.id}/pay`);
    const flushed = (await (await sim(simUrl, "/_sim/webhooks/flush", { order: "reverse" })).json()) as { delivered: number };
    expect(flushed.delivered).toBeGreaterThanOrEqual(2);
    await waitFor(async () => (await local(c.id)).status === "successful");
    expect(await changes(c.id)).toBe(1);
  });

  it("delayed deliveries arrive late and still apply once", async () => {
    await faults({ mode: "delay", delay_ms: 800 });
    const c = await newCharge("オソイ");
    await sim(simUrl, `/charges/${c.id}/mark_as_failed`, { failure_code: "failed_processing" }, TEST_SECRET_KEY);
    await new Promise((r) => setTimeout(r, 300));
    expect((await local(c.id)).status).toBe("pending");
    await waitFor(async () => (await local(c.id)).status === "failed");
    expect((await local(c.id)).failureCode).toBe("failed_processing");
  });

  it("dropped deliveries are caught up by the next reconciliation", async () => {
    await faults({ mode: "drop" });
    const c = await newCharge("ロスト");
    await sim(simUrl, `/pay/${c.id}/pay`);
    await new Promise((r) => setTimeout(r, 300));
    expect((await local(c.id)).status).toBe("pending");
    await runReconciliation({ trigger: "manual" });
    expect((await local(c.id)).status).toBe("successful");
    expect(await changes(c.id)).toBe(1);
  });
});
