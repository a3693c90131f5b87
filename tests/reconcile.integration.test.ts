import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { runReconciliation } from "@/lib/reconcile/run-reconciliation";
import type { Actor } from "@/lib/auth/types";
import { makeUser, sim, uniqueCustomer } from "./helpers";
import { TEST_SECRET_KEY } from "./test-env.mjs";

const simUrl = inject("simulatorUrl");
let staff: Actor;
const auth = { Authorization: `Basic ${Buffer.from(`${TEST_SECRET_KEY}:`).toString("base64")}` };
const remote = async (id: string) => (await (await fetch(`${simUrl}/charges/${id}`, { headers: auth })).json()) as { status: string; failure_code: string | null };

beforeAll(async () => {
  staff = await makeUser("staff");
  await sim(simUrl, "/_sim/config", { webhook_url: null }); // every webhook is lost
});
afterAll(async () => {
  await sim(simUrl, "/_sim/config", { webhook_url: null });
});

const order = (i: number) => ({ amount: 1000 + i, customerName: `リコン${i}`, ...uniqueCustomer() });

describe("reconciliation", () => {
  it("after an outage that lost every webhook, one pass makes every charge match Omise", async () => {
    const charges = [];
    for (let i = 0; i < 12; i++) charges.push((await createCharge({ actor: staff, input: order(i) })).charge);
    for (const [i, c] of charges.entries()) {
      if (i % 4 === 0) await sim(simUrl, `/charges/${c.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
      if (i % 4 === 1) await sim(simUrl, `/charges/${c.id}/mark_as_failed`, { failure_code: "timeout" }, TEST_SECRET_KEY);
      if (i % 4 === 2) await sim(simUrl, `/charges/${c.id}/expire`, {}, TEST_SECRET_KEY);
    }
    const db = await getDb();
    const before = await db.charge.findMany({ where: { id: { in: charges.map((c) => c.id) } } });
    expect(before.every((c) => c.status === "pending")).toBe(true);

    const summary = await runReconciliation({ trigger: "manual" });
    expect(summary).not.toBeNull();
    expect(summary?.chargesChanged).toBeGreaterThanOrEqual(9);
    for (const c of charges) {
      const local = await db.charge.findUniqueOrThrow({ where: { id: c.id } });
      const r = await remote(c.id);
      expect(local.status, c.id).toBe(r.status);
      expect(local.failureCode).toBe(r.failure_code);
    }
    const changes = await db.chargeEvent.findMany({ where: { chargeId: { in: charges.map((c) => c.id) }, kind: "status_changed" } });
    expect(changes).toHaveLength(9);
    expect(changes.every((e) => e.source === "reconcile")).toBe(true);

    // A second pass finds nothing new to change.
    const again = await runReconciliation({ trigger: "manual" });
    expect(again?.chargesChanged).toBe(0);
    const run = await db.reconcileRun.findUniqueOrThrow({ where: { id: summary?.runId ?? "" } });
    expect(run.finishedAt).not.toBeNull();
    expect(run.chargesChanged).toBe(summary?.chargesChanged);
  });

  it("re-processes an event that was stored but whose processing failed", async () => {
    const { charge } = await createCharge({ actor: staff, input: order(99) });
    await sim(simUrl, `/charges/${charge.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
    const db = await getDb();
    const id = `evnt_test_stored${Date.now()}`;
    await db.webhookEvent.create({ data: { id, key: "charge.complete", chargeId: charge.id, payload: {}, error: "omise timed out" } });
    await runReconciliation({ trigger: "manual" });
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id } })).processedAt).not.toBeNull();
    expect((await db.charge.findUniqueOrThrow({ where: { id: charge.id } })).status).toBe("successful");
  });

  it("runs one pass at a time", async () => {
    const results = await Promise.all([runReconciliation({ trigger: "manual" }), runReconciliation({ trigger: "manual" })]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
  });
});

describe("reconciliation when Omise cannot give a charge", () => {
  it("records the failure and still fixes the other charges", async () => {
    const db = await getDb();
    const ghost = `chrg_test_ghost${Date.now()}`;
    await db.charge.create({
      data: { id: ghost, reference: `kd_${ghost}`, status: "pending", amount: 500, currency: "JPY", customerName: "ユウレイ", customerEmail: "g@example.jp", customerPhone: "0312345678", createdById: staff.id },
    });
    const { charge } = await createCharge({ actor: staff, input: order(77) });
    await sim(simUrl, `/charges/${charge.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
    await db.charge.update({ where: { id: charge.id }, data: { lastSyncedAt: null } });
    const summary = await runReconciliation({ trigger: "manual" });
    expect((await db.charge.findUniqueOrThrow({ where: { id: charge.id } })).status).toBe("successful");
    const run = await db.reconcileRun.findUniqueOrThrow({ where: { id: summary?.runId ?? "" } });
    expect(run.error).toContain(ghost);
    expect(run.finishedAt).not.toBeNull();
  });
});
