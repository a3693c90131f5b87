import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { runReconciliation } from "@/lib/reconcile/run-reconciliation";
import type { Actor } from "@/lib/auth/types";
import { makeUser, sim, startWebhookReceiver, waitFor } from "./helpers";
import { TEST_SECRET_KEY } from "./test-env.mjs";

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
  (await createCharge({ actor: staff, input: { amount: 600, customerName: name, customerEmail: "w@example.jp", customerPhone: "0312345678" } })).charge;
const local = async (id: string) => (await getDb()).charge.findUniqueOrThrow({ where: { id } });
const changes = async (id: string) => (await getDb()).chargeEvent.count({ where: { chargeId: id, kind: "status_changed" } });

describe("webhooks under faults", () => {
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
