import http from "node:http";
import type { AddressInfo } from "node:net";
import { leanRoutes } from "@/lib/http/lean-routes";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { receiveOmiseEvent, type ReceiveResult } from "@/lib/webhooks/receive-event";
import { signPayload } from "@/lib/omise/signature";
import type { Actor } from "@/lib/auth/types";
import { publishProcessValue } from "@/lib/process-state";
import { makeUser, sim, startWebhookReceiver, uniqueCustomer } from "./helpers";
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
  return (await createCharge({ actor: staff, input: { amount: 500, customerName: "テスト", ...uniqueCustomer() } })).charge;
}

/** Wait for a received event to be applied (the 2xx does not wait for it). */
const processed = (r: ReceiveResult) => (r.status === 200 ? r.processing : Promise.resolve(false));

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
    expect(await Promise.all(results.map(processed))).toEqual(Array(5).fill(true));
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
    expect(await processed(await receiveOmiseEvent(signed(event(`evnt_test_paid${Date.now()}`, "charge.complete", { object: "charge", id: charge.id }))))).toBe(true);
    expect((await db.charge.findUniqueOrThrow({ where: { id: charge.id } })).status).toBe("successful");
    // An old charge.create arriving late, serialised with an older API version (`created`, lowercase currency).
    const late = { object: "event", id: `evnt_test_late${Date.now()}`, key: "charge.create", created: "2026-01-01T00:00:00Z", data: { object: "charge", id: charge.id, status: "pending", currency: "jpy" } };
    const r = await receiveOmiseEvent(signed(late));
    expect(r).toMatchObject({ status: 200 });
    expect(await processed(r)).toBe(true);
    expect((await db.charge.findUniqueOrThrow({ where: { id: charge.id } })).status).toBe("successful");
  });

  it("acknowledges unknown event keys and charges that are not ours without failing", async () => {
    const r1 = await receiveOmiseEvent(signed(event(`evnt_test_unk${Date.now()}`, "transfer.create", { object: "transfer", id: "trsf_1" })));
    expect(r1).toMatchObject({ status: 200 });
    expect(await processed(r1)).toBe(true);
    const r2 = await receiveOmiseEvent(signed(event(`evnt_test_nf${Date.now()}`, "charge.complete", { object: "charge", id: "chrg_test_doesnotexist" })));
    expect(r2).toMatchObject({ status: 200 });
    expect(await receiveOmiseEvent({ ...signed({ hello: 1 }) })).toMatchObject({ status: 400 });
  });
});

describe("the lean webhook listener (server.mjs) over HTTP", () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  const post = (e: ReturnType<typeof signed>) =>
    fetch(receiver.url, {
      method: "POST",
      body: e.rawBody,
      headers: { "Content-Type": "application/json", "Omise-Signature": e.signature, "Omise-Signature-Timestamp": e.timestamp },
    });

  /** A body sent in 16 KB chunks, so no Content-Length warns the listener of its size. */
  function postChunked(e: ReturnType<typeof signed>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request(receiver.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Omise-Signature": e.signature, "Omise-Signature-Timestamp": e.timestamp },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      const body = Buffer.from(e.rawBody);
      for (let at = 0; at < body.length; at += 16 * 1024) req.write(body.subarray(at, at + 16 * 1024));
      req.end();
    });
  }

  /** A signed event padded with leading whitespace to `bytes`: valid JSON, correctly signed, only its size varies. */
  function padded(id: string, bytes: number) {
    const raw = JSON.stringify(event(id, "transfer.create", { object: "transfer", id: "t" }));
    const rawBody = " ".repeat(Math.max(0, bytes - raw.length)) + raw;
    const timestamp = String(Math.floor(Date.now() / 1000));
    return { rawBody, timestamp, signature: signPayload(rawBody, timestamp, TEST_WEBHOOK_SECRET) };
  }

  it("answers 200 with the event id once the event is stored, and 401 for a bad signature", async () => {
    const db = await getDb();
    const e = signed(event(`evnt_test_lean${Date.now()}`, "transfer.create", { object: "transfer", id: "trsf_1" }));
    const res = await post(e);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ received: JSON.parse(e.rawBody).id, duplicate: false });
    expect(await db.webhookEvent.count({ where: { id: JSON.parse(e.rawBody).id } })).toBe(1);
    const again = await post(e);
    expect(await again.json()).toMatchObject({ duplicate: true });

    const before = await db.webhookEvent.count();
    const forged = signed(event(`evnt_test_leanforged${Date.now()}`, "transfer.create", { object: "transfer", id: "t" }), Buffer.from("wrong-secret-wrong-secret").toString("base64"));
    expect((await post(forged)).status).toBe(401);
    expect(await db.webhookEvent.count()).toBe(before);
  });

  it("refuses a chunked body that grows past 256 KB with 413 and stores nothing", async () => {
    const db = await getDb();
    const big = `evnt_test_leanbig${Date.now()}`;
    expect(await postChunked(padded(big, 300 * 1024))).toBe(413);
    expect(await db.webhookEvent.count({ where: { id: big } })).toBe(0);
    // Just under the limit is stored: the check is on size, not on chunking.
    const fits = `evnt_test_leanfits${Date.now()}`;
    expect(await postChunked(padded(fits, 250 * 1024))).toBe(200);
    expect(await db.webhookEvent.count({ where: { id: fits } })).toBe(1);
  });

  it("answers 503 at once, storing nothing, while the background check finds the database down", async () => {
    const id = `evnt_test_leandown${Date.now()}`;
    const down = (failuresInARow: number) => ({ last: { ok: false, error: "connection refused", checkedAt: new Date() }, failuresInARow, checking: false, timer: null });
    try {
      // One failed check is not enough (a blip); two in a row are.
      publishProcessValue("databaseMonitor", down(1));
      const once = `evnt_test_leanblip${Date.now()}`;
      expect((await post(signed(event(once, "transfer.create", { object: "transfer", id: "t" })))).status).toBe(200);
      publishProcessValue("databaseMonitor", down(2));
      const res = await post(signed(event(id, "transfer.create", { object: "transfer", id: "t" })));
      expect(res.status).toBe(503);
    } finally {
      publishProcessValue("databaseMonitor", undefined);
    }
    expect(await (await getDb()).webhookEvent.count({ where: { id } })).toBe(0);
    // Once the check finds it back (or has no recent sample), events are stored again.
    expect((await post(signed(event(id, "transfer.create", { object: "transfer", id: "t" })))).status).toBe(200);
  });

  it("answers 405 to anything but POST", async () => {
    const res = await fetch(receiver.url);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("GET /api/health on the lean listener", () => {
  let url = "";
  let server: http.Server;
  beforeAll(async () => {
    server = http.createServer((req, res) => void leanRoutes["/api/health"](req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("checks the database itself when there is no recent background check", async () => {
    publishProcessValue("databaseMonitor", undefined);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
    expect((await fetch(url, { method: "POST" })).status).toBe(405);
  });

  it("answers from a recent background check, and distrusts an old one", async () => {
    try {
      publishProcessValue("databaseMonitor", { last: { ok: false, error: "connection refused", checkedAt: new Date() }, failuresInARow: 1, checking: false, timer: null });
      const down = await fetch(url);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: "unavailable", error: "connection refused" });
      // Ten seconds old: not trusted, so it checks now and finds the database up.
      publishProcessValue("databaseMonitor", { last: { ok: false, error: "old", checkedAt: new Date(Date.now() - 10_000) }, failuresInARow: 5, checking: false, timer: null });
      expect((await fetch(url)).status).toBe(200);
    } finally {
      publishProcessValue("databaseMonitor", undefined);
    }
  });
});
