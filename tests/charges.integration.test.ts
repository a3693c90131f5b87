import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { expireCharge } from "@/lib/charges/expire-charge";
import { syncCharge } from "@/lib/charges/sync-charge";
import { getCharge } from "@/lib/charges/get-charge";
import { listCharges } from "@/lib/charges/list-charges";
import { getChargeCounts } from "@/lib/charges/counts";
import { getOverview } from "@/lib/charges/get-overview";
import { AppError } from "@/lib/errors";
import { jstDateKey } from "@/lib/format";
import type { Actor } from "@/lib/auth/types";
import { makeUser, sim, startWebhookReceiver, uniqueCustomer, waitFor } from "./helpers";

const simUrl = inject("simulatorUrl");
// A fresh customer each time, so a second charge is not taken for a duplicate.
const order = (over: object = {}) => ({
  amount: 3200,
  customerName: "ヤマダタロウ",
  ...uniqueCustomer(),
  description: "電話注文 #1",
  ...over,
});
const statusOf = async (id: string) => (await (await getDb()).charge.findUniqueOrThrow({ where: { id } })).status;

let staff: Actor;
let viewer: Actor;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  staff = await makeUser("staff");
  viewer = await makeUser("viewer");
  receiver = await startWebhookReceiver();
  await sim(simUrl, "/_sim/config", { webhook_url: receiver.url });
});
afterAll(async () => {
  await sim(simUrl, "/_sim/config", { webhook_url: null });
  await receiver.close();
});

describe("creating a konbini charge", () => {
  it("creates the source and charge at Omise with our reference, deadline and staff member", async () => {
    const day = jstDateKey(new Date(Date.now() + 10 * 86400_000));
    const { customerPhone } = uniqueCustomer();
    const typed = `${customerPhone.slice(0, 3)}-${customerPhone.slice(3, 7)}-${customerPhone.slice(7)}`;
    const { charge: c } = await createCharge({ actor: staff, input: order({ expiresAt: day, customerPhone: typed }) });
    expect(c.expiresAt).toBe(new Date(`${day}T23:59:00+09:00`).toISOString());
    expect(c.status).toBe("pending");
    expect(c.id).toMatch(/^chrg_test_/);
    expect(c.amount).toBe(3200);
    expect(c.customerPhone).toBe(customerPhone);
    expect(c.authorizeUri).toBe(`${simUrl}/pay/${c.id}`);
    expect(c.createdBy.id).toBe(staff.id);
    const remote = (await (await fetch(`${simUrl}/charges/${c.id}`, { headers: { Authorization: `Basic ${Buffer.from("skey_test_konbinidesk:").toString("base64")}` } })).json()) as {
      metadata: Record<string, string>;
      expires_at: string;
    };
    expect(remote.metadata).toEqual({ reference: c.reference, created_by: staff.email });
    expect(remote.expires_at).toBe(c.expiresAt?.replace(".000Z", "Z"));
    const detail = await getCharge({ id: c.id });
    expect(detail.timeline.map((e) => e.kind)).toEqual(["created"]);
  });

  it("surfaces Omise's own rejection message when Omise disagrees with our checks", async () => {
    const err = await createCharge({ actor: staff, input: order({ expiresAt: "2099-01-01" }), now: new Date("2098-12-01T00:00:00Z") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "unprocessable", message: "err.provider_rejected" });
    expect((err as AppError).params.message).toMatch(/expires_at/);
  });

  it("rejects bad input before calling Omise and stores nothing", async () => {
    const db = await getDb();
    const before = await db.chargeAttempt.count();
    const err = await createCharge({ actor: staff, input: order({ amount: 149, customerPhone: "12" }) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "unprocessable", fields: { amount: ["v.amount.range"], customerPhone: ["v.phone.invalid"] } });
    const past = await createCharge({ actor: staff, input: order({ expiresAt: "2020-01-01" }) }).catch((e: unknown) => e);
    expect(past).toMatchObject({ code: "unprocessable", fields: { expiresAt: ["deadline.past"] } });
    expect(await db.chargeAttempt.count()).toBe(before);
  });

  it("does not let a viewer create a charge", async () => {
    await expect(createCharge({ actor: viewer, input: order() })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("creates exactly one charge for a double submit with one idempotency key", async () => {
    const idempotencyKey = `dbl-${Date.now()}`;
    const input = order({ idempotencyKey, customerName: "ダブル" });
    const results = await Promise.all([1, 2, 3].map(() => createCharge({ actor: staff, input })));
    const ids = new Set(results.map((r) => r.charge.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const db = await getDb();
    expect(await db.charge.count({ where: { customerName: "ダブル" } })).toBe(1);
    const list = (await (await fetch(`${simUrl}/charges?limit=100&order=reverse_chronological`, { headers: { Authorization: `Basic ${Buffer.from("skey_test_konbinidesk:").toString("base64")}` } })).json()) as {
      data: { metadata: { reference?: string } }[];
    };
    const reference = results[0]?.charge.reference;
    expect(list.data.filter((c) => c.metadata.reference === reference)).toHaveLength(1);
  });
});

describe("following a charge to paid, failed or expired", () => {
  it("turns paid when the customer pays, through the signed webhook", async () => {
    const { charge } = await createCharge({ actor: staff, input: order() });
    await sim(simUrl, `/pay/${charge.id}/pay`);
    await waitFor(async () => (await statusOf(charge.id)) === "successful");
    const detail = await getCharge({ id: charge.id });
    expect(detail.paidAt).not.toBeNull();
    expect(detail.timeline.filter((e) => e.kind === "status_changed")).toEqual([
      expect.objectContaining({ source: "webhook", fromStatus: "pending", toStatus: "successful" }),
    ]);
  });

  it("records the failure code and message when the payment fails", async () => {
    const { charge } = await createCharge({ actor: staff, input: order() });
    await sim(simUrl, `/pay/${charge.id}/fail`, { failure_code: "payment_cancelled" });
    await waitFor(async () => (await statusOf(charge.id)) === "failed");
    const detail = await getCharge({ id: charge.id });
    expect(detail.failureCode).toBe("payment_cancelled");
    expect(detail.failureMessage).toBeTruthy();
  });

  it("expires when the deadline passes on the simulator's clock", async () => {
    // A deadline a minute away, so moving the shared clock two minutes expires this charge and no other.
    const { charge } = await createCharge({ actor: staff, input: order({ expiresAt: new Date(Date.now() + 60_000).toISOString() }) });
    const r = (await (await sim(simUrl, "/_sim/clock", { advance_seconds: 120 })).json()) as { expired: string[] };
    try {
      expect(r.expired).toEqual([charge.id]);
      await waitFor(async () => (await statusOf(charge.id)) === "expired");
    } finally {
      await sim(simUrl, "/_sim/clock", { advance_seconds: -120 }); // the simulator is shared by every test file
    }
  });

  it("expire now: cancels at Omise, records who did it, and refuses a second time", async () => {
    const { charge } = await createCharge({ actor: staff, input: order() });
    const detail = await expireCharge({ actor: staff, id: charge.id, input: { reason: "customer cancelled the order" } });
    expect(detail.status).toBe("expired");
    expect(detail.timeline.find((e) => e.kind === "expire_requested")).toMatchObject({ actorName: staff.name, detail: "customer cancelled the order" });
    await expect(expireCharge({ actor: staff, id: charge.id })).rejects.toMatchObject({ code: "conflict", message: "err.not_pending" });
    await expect(expireCharge({ actor: viewer, id: charge.id })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("sync now: catches up a charge whose webhooks never arrived", async () => {
    await sim(simUrl, "/_sim/config", { webhook_url: null });
    try {
      const { charge } = await createCharge({ actor: staff, input: order() });
      await sim(simUrl, `/charges/${charge.id}/mark_as_paid`, {}, "skey_test_konbinidesk");
      await new Promise((r) => setTimeout(r, 300));
      expect(await statusOf(charge.id)).toBe("pending");
      const synced = await syncCharge({ actor: viewer, id: charge.id });
      expect(synced.status).toBe("successful");
      expect(synced.timeline.at(-1)).toMatchObject({ kind: "status_changed", source: "sync" });
    } finally {
      await sim(simUrl, "/_sim/config", { webhook_url: receiver.url });
    }
  });

  it("the database itself refuses to move a terminal status backwards", async () => {
    const { charge } = await createCharge({ actor: staff, input: order() });
    await expireCharge({ actor: staff, id: charge.id });
    const db = await getDb();
    await expect(db.charge.update({ where: { id: charge.id }, data: { status: "pending" } })).rejects.toThrow();
    expect(await statusOf(charge.id)).toBe("expired");
  });
});

describe("reading charges", () => {
  it("lists newest first with search, status filter, counts and keyset pages", async () => {
    const tag = `K${Date.now().toString(36).slice(-6)}`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await createCharge({ actor: staff, input: order({ description: `${tag} ${i}` }) })).charge);
    const p1 = await listCharges({ query: { q: tag, limit: 2 } });
    expect(p1.data.map((c) => c.id)).toEqual([made[2]?.id, made[1]?.id]);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = await listCharges({ query: { q: tag, limit: 2, cursor: p1.nextCursor ?? undefined } });
    expect(p2.data.map((c) => c.id)).toEqual([made[0]?.id]);
    expect(p2.nextCursor).toBeNull();
    const byId = await listCharges({ query: { q: made[0]?.id } });
    expect(byId.data.map((c) => c.id)).toEqual([made[0]?.id]);
    await expireCharge({ actor: staff, id: made[0]?.id ?? "" });
    expect(await getChargeCounts({ q: tag })).toMatchObject({ pending: 2, expired: 1, all: 3 });
    const expired = await listCharges({ query: { q: tag, status: "expired" } });
    expect(expired.data.map((c) => c.id)).toEqual([made[0]?.id]);
  });

  it("sums pending and paid amounts for the overview", async () => {
    const before = await getOverview();
    const { charge } = await createCharge({ actor: staff, input: order({ amount: 1111 }) });
    const mid = await getOverview();
    expect(mid.pending.amount - before.pending.amount).toBe(1111);
    await sim(simUrl, `/pay/${charge.id}/pay`);
    await waitFor(async () => (await statusOf(charge.id)) === "successful");
    const after = await getOverview();
    expect(after.paidToday.amount - before.paidToday.amount).toBe(1111);
    expect(after.daily).toHaveLength(30);
    expect(after.daily.at(-1)?.paid).toBeGreaterThanOrEqual(1);
  });
});
