import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { expireCharge } from "@/lib/charges/expire-charge";
import { syncCharge } from "@/lib/charges/sync-charge";
import { runReconciliation } from "@/lib/reconcile/run-reconciliation";
import { jstDateKey } from "@/lib/format";
import type { Actor } from "@/lib/auth/types";
import { makeUser, sim, startWebhookReceiver, waitFor, uniqueCustomer } from "./helpers";
import { TEST_SECRET_KEY } from "./test-env.mjs";

// The app against the simulator behaving as real Omise does (issue 7 §6).
const simUrl = inject("simulatorUrl");
const auth = { Authorization: `Basic ${Buffer.from(`${TEST_SECRET_KEY}:`).toString("base64")}` };
type Remote = { status: string; expires_at: string; expired_at: string | null; source: { references: { expires_at: string } } };
const remote = async (id: string) => (await (await fetch(`${simUrl}/charges/${id}`, { headers: auth })).json()) as Remote;
const faults = (api: object[]) => sim(simUrl, "/_sim/faults", { api });
const order = (i: number, over: object = {}) => ({
  amount: 2000 + i, customerName: `オマイズ${i}`, ...uniqueCustomer(), ...over,
});
const row = async (id: string) => (await getDb()).charge.findUniqueOrThrow({ where: { id } });
const DAY = jstDateKey(new Date(Date.now() + 10 * 86_400_000));
const DEADLINE = new Date(`${DAY}T23:59:00+09:00`).toISOString();

let staff: Actor;
beforeAll(async () => {
  staff = await makeUser("staff");
});
afterEach(async () => {
  await faults([]);
  await sim(simUrl, "/_sim/config", { webhook_url: null });
});

describe("the deadline after an early expiry", () => {
  it("cancelling in the app keeps the deadline the customer was given, not the cancel time", async () => {
    const { charge } = await createCharge({ actor: staff, input: order(1, { expiresAt: DAY }) });
    expect(charge.expiresAt).toBe(DEADLINE);
    const detail = await expireCharge({ actor: staff, id: charge.id });
    expect(detail.status).toBe("expired");
    const r = await remote(charge.id);
    expect(r.expires_at).toBe(r.expired_at); // the simulator moves it, as Omise does
    expect(r.source.references.expires_at).toBe(DEADLINE.replace(".000Z", "Z"));
    const stored = await row(charge.id);
    expect(stored.expiresAt?.toISOString()).toBe(DEADLINE);
    expect(stored.expiredAt?.toISOString()).toBe(new Date(r.expired_at ?? "").toISOString());
    await syncCharge({ actor: staff, id: charge.id });
    expect((await row(charge.id)).expiresAt?.toISOString()).toBe(DEADLINE);
  });

  it("an expiry learnt from the webhook keeps the deadline", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { charge } = await createCharge({ actor: staff, input: order(2, { expiresAt: DAY }) });
      await sim(simUrl, "/_sim/config", { webhook_url: receiver.url });
      await sim(simUrl, `/charges/${charge.id}/expire`, {}, TEST_SECRET_KEY);
      const stored = await waitFor(async () => {
        const r = await row(charge.id);
        return r.status === "expired" && r;
      });
      expect(stored.expiresAt?.toISOString()).toBe(DEADLINE);
    } finally {
      await sim(simUrl, "/_sim/config", { webhook_url: null });
      await receiver.close();
    }
  });

  it("an expiry learnt by reconciliation keeps the deadline", async () => {
    const { charge } = await createCharge({ actor: staff, input: order(3, { expiresAt: DAY }) });
    await sim(simUrl, `/charges/${charge.id}/expire`, {}, TEST_SECRET_KEY);
    await runReconciliation({ trigger: "manual" });
    const stored = await row(charge.id);
    expect(stored.status).toBe("expired");
    expect(stored.expiresAt?.toISOString()).toBe(DEADLINE);
  });
});

describe("an amount Omise refuses", () => {
  it("invalid_charge becomes a clear amount error, and the attempt is closed as failed", async () => {
    await faults([{ method: "POST", path: "^/charges$", action: "invalid_charge", times: 1 }]);
    const err = await createCharge({ actor: staff, input: order(4) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "unprocessable", message: "err.provider_invalid_charge", fields: { amount: ["v.amount.rejected"] } });
    const attempt = await (await getDb()).chargeAttempt.findFirstOrThrow({ where: { userId: staff.id }, orderBy: { createdAt: "desc" } });
    expect(attempt).toMatchObject({ state: "failed", errorCode: "invalid_charge" });
  });
});

describe("charges without status (older API versions)", () => {
  it("sync and reconciliation derive the status from the flags", async () => {
    const { charge: paid } = await createCharge({ actor: staff, input: order(5) });
    const { charge: failed } = await createCharge({ actor: staff, input: order(6) });
    await sim(simUrl, `/charges/${paid.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
    await sim(simUrl, `/charges/${failed.id}/mark_as_failed`, { failure_code: "payment_cancelled" }, TEST_SECRET_KEY);
    await faults([{ method: "GET", action: "legacy_status" }]);
    expect((await syncCharge({ actor: staff, id: paid.id })).status).toBe("successful");
    const summary = await runReconciliation({ trigger: "manual" });
    expect(summary).not.toBeNull();
    expect((await row(failed.id)).status).toBe("failed");
  });
});

describe("an unreadable item in a list answer", () => {
  it("reconciliation skips it, records it on the run, and still settles the other charges", async () => {
    await createCharge({ actor: staff, input: order(7) }); // its events come first in the listing
    const { charge } = await createCharge({ actor: staff, input: order(8) });
    await sim(simUrl, `/charges/${charge.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
    await faults([{ method: "GET", path: "^/events$", action: "unreadable_item" }]);
    const summary = await runReconciliation({ trigger: "manual" });
    expect(summary?.itemsSkipped).toBeGreaterThanOrEqual(1);
    expect((await row(charge.id)).status).toBe("successful");
    const run = await (await getDb()).reconcileRun.findUniqueOrThrow({ where: { id: summary?.runId ?? "" } });
    expect(run.finishedAt).not.toBeNull();
    expect(run.itemsSkipped).toBe(summary?.itemsSkipped);
    expect(run.error).toMatch(/unreadable list item\(s\) skipped: GET \/events evnt_/);
  });

  it("a lost create whose charge is listed unreadably stays unknown, never 'not created'", async () => {
    // Our charge is the newest, so it is the first item of the lookup's page, and unreadable.
    await faults([
      { method: "POST", path: "^/charges$", action: "lose_reply", times: 1 },
      { method: "GET", path: "^/charges$", action: "unreadable_item" },
    ]);
    const err = await createCharge({ actor: staff, input: order(9) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "conflict", message: "err.unknown_outcome" });
    const db = await getDb();
    const attempt = await db.chargeAttempt.findFirstOrThrow({ where: { userId: staff.id }, orderBy: { createdAt: "desc" } });
    expect(attempt.state).toBe("unknown");
    await faults([]);
    await runReconciliation({ trigger: "manual" });
    const settled = await db.chargeAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(settled.state).toBe("created");
    expect(await db.charge.count({ where: { reference: attempt.reference } })).toBe(1);
  });
});
