import { beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { receiveOmiseEvent } from "@/lib/webhooks/receive-event";
import { signPayload } from "@/lib/omise/signature";
import type { Actor } from "@/lib/auth/types";
import { makeUser, sim } from "./helpers";
import { TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "./test-env.mjs";

const simUrl = inject("simulatorUrl");
let staff: Actor;
beforeAll(async () => {
  staff = await makeUser("staff");
});

function signed(event: object, secret = TEST_WEBHOOK_SECRET) {
  const rawBody = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return { rawBody, timestamp, signature: signPayload(rawBody, timestamp, secret) };
}

async function newCharge() {
  return (await createCharge({ actor: staff, input: { amount: 500, customerName: "テスト", customerEmail: "t@example.jp", customerPhone: "0312345678" } })).charge;
}

const event = (id: string, key: string, data: object) => ({ object: "event", id, key, created_at: new Date().toISOString(), data });

describe("POST /api/webhooks/omise (receiver)", () => {
  it("rejects a wrong or missing signature with 401 and writes nothing", async () => {
    const db = await getDb();
    const before = await db.webhookEvent.count();
    const forged = signed(event(`evnt_test_forged${Date.now()}`, "charge.complete", { object: "charge", id: "chrg_x" }), Buffer.from("wrong-secret-wrong-secret").toString("base64"));
    expect(await receiveOmiseEvent(forged)).toMatchObject({ status: 401 });
    expect(await receiveOmiseEvent({ ...forged, signature: null })).toMatchObject({ status: 401 });
    expect(await db.webhookEvent.count()).toBe(before);
  });

  it("stores an event once however often it is delivered, and changes the charge once", async () => {
    const charge = await newCharge();
    await sim(simUrl, `/charges/${charge.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
    const e = signed(event(`evnt_test_dup${Date.now()}`, "charge.complete", { object: "charge", id: charge.id, status: "successful" }));
    const results = await Promise.all(Array.from({ length: 5 }, () => receiveOmiseEvent(e)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const db = await getDb();
    const id = JSON.parse(e.rawBody).id as string;
    expect(await db.webhookEvent.count({ where: { id } })).toBe(1);
    expect(await db.chargeEvent.count({ where: { chargeId: charge.id, kind: "status_changed" } })).toBe(1);
    expect((await db.charge.findUniqueOrThrow({ where: { id: charge.id } })).status).toBe("successful");
  });

  it("ignores a late, stale event: a paid charge never goes back to pending", async () => {
    const charge = await newCharge();
    await sim(simUrl, `/charges/${charge.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
    const db = await getDb();
    await receiveOmiseEvent(signed(event(`evnt_test_paid${Date.now()}`, "charge.complete", { object: "charge", id: charge.id })));
    // An old charge.create arriving late, serialised with an older API version (`created`, lowercase currency).
    const late = { object: "event", id: `evnt_test_late${Date.now()}`, key: "charge.create", created: "2026-01-01T00:00:00Z", data: { object: "charge", id: charge.id, status: "pending", currency: "jpy" } };
    expect(await receiveOmiseEvent(signed(late))).toMatchObject({ status: 200, processed: true });
    expect((await db.charge.findUniqueOrThrow({ where: { id: charge.id } })).status).toBe("successful");
  });

  it("acknowledges unknown event keys and charges that are not ours without failing", async () => {
    const r1 = await receiveOmiseEvent(signed(event(`evnt_test_unk${Date.now()}`, "transfer.create", { object: "transfer", id: "trsf_1" })));
    expect(r1).toMatchObject({ status: 200, processed: true });
    const r2 = await receiveOmiseEvent(signed(event(`evnt_test_nf${Date.now()}`, "charge.complete", { object: "charge", id: "chrg_test_doesnotexist" })));
    expect(r2).toMatchObject({ status: 200 });
    expect(await receiveOmiseEvent({ ...signed({ hello: 1 }) })).toMatchObject({ status: 400 });
  });
});
