import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { keyTranslator } from "@/lib/i18n/translate-key";
import type { ChargeDetailDto, ChargeDto } from "@/lib/charges/dto";
import { makeUser, sim, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";

// The duplicate guard of POST /api/charges over HTTP, through the real route
// handlers (the session is supplied as in api-validation.integration.test.ts).
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

const simUrl = inject("simulatorUrl");
const ja = keyTranslator("ja");
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]>; duplicates?: ChargeDto[] } };
type Stats = { requests: Record<string, number>; charges_created: number };

let api: Awaited<ReturnType<typeof startApiServer>>;
let staff: TestUser;

beforeAll(async () => {
  api = await startApiServer([
    { path: /^\/api\/charges$/, module: await import("@/app/api/charges/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)$/, module: await import("@/app/api/charges/[id]/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/expire$/, module: await import("@/app/api/charges/[id]/expire/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/sync$/, module: await import("@/app/api/charges/[id]/sync/route") },
  ]);
  staff = await makeUser("staff");
  signedIn.user = { id: staff.id, sv: 0, sid: staff.sid };
});
afterAll(() => api.close());

const post = (path: string, body: unknown) =>
  fetch(api.url + path, { method: "POST", headers: { Origin: api.url, "Content-Type": "application/json" }, body: JSON.stringify(body) });
const stats = async () => (await (await fetch(`${simUrl}/_sim/stats`)).json()) as Stats;
/** Calls to Omise that could make something: sources and charges. */
const omiseWrites = async () => {
  const s = await stats();
  return { charges: s.charges_created, sources: s.requests["POST /sources"] ?? 0, chargePosts: s.requests["POST /charges"] ?? 0 };
};
/** A customer no other test uses, so only this test's charges can match. */
const customer = () => {
  const tag = randomBytes(4).toString("hex");
  const digits = String(Number.parseInt(tag, 16) % 100_000_000).padStart(8, "0");
  return { customerName: "ジュウフク", customerEmail: `dup-${tag}@example.jp`, customerPhone: `090${digits}` };
};
const create = async (body: object) => {
  const res = await post("/api/charges", body);
  return { status: res.status, body: (await res.json()) as ChargeDto & ErrorBody & { warnings?: string[] } };
};

describe("POST /api/charges: the duplicate guard", () => {
  it("answers the same phone and amount within 24 hours with 409, the earlier charge, and no call to Omise", async () => {
    const c = customer();
    const start = await omiseWrites();
    const first = await create({ ...c, amount: 2400 });
    expect(first.status).toBe(201);
    const before = await omiseWrites();
    // The counters see a creation, so an unchanged count below means no call.
    expect(before).toEqual({ charges: start.charges + 1, sources: start.sources + 1, chargePosts: start.chargePosts + 1 });
    const attempts = await (await getDb()).chargeAttempt.count();
    // Another email, the phone typed differently: still the same phone.
    const again = await create({ ...c, customerEmail: `other-${c.customerEmail}`, customerPhone: `${c.customerPhone.slice(0, 3)}-${c.customerPhone.slice(3, 7)}-${c.customerPhone.slice(7)}`, amount: 2400 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("duplicate_suspected");
    expect(again.body.error.message).toBe(ja("err.duplicate_suspected"));
    const { warnings: _warnings, ...firstDto } = first.body;
    expect(again.body.error.duplicates).toEqual([firstDto]);
    expect(await omiseWrites()).toEqual(before);
    expect(await (await getDb()).chargeAttempt.count()).toBe(attempts);
  });

  it("answers the same email and amount with 409 too", async () => {
    const c = customer();
    const first = await create({ ...c, amount: 2500 });
    expect(first.status).toBe(201);
    const before = await omiseWrites();
    const again = await create({ ...c, customerPhone: customer().customerPhone, amount: 2500 });
    expect(again.status).toBe(409);
    expect(again.body.error.duplicates?.map((d) => d.id)).toEqual([first.body.id]);
    expect(await omiseWrites()).toEqual(before);
  });

  it("creates a charge for a different amount", async () => {
    const c = customer();
    expect((await create({ ...c, amount: 2600 })).status).toBe(201);
    expect((await create({ ...c, amount: 2601 })).status).toBe(201);
    expect((await create({ ...c, amount: 2600 })).status).toBe(409); // the control: the same amount is held
  });

  it("does not count a charge created more than 24 hours ago", async () => {
    const c = customer();
    const first = await create({ ...c, amount: 2700 });
    const db = await getDb();
    await db.charge.update({ where: { id: first.body.id }, data: { createdAt: new Date(Date.now() - 24 * 3600_000 - 60_000) } });
    expect((await create({ ...c, amount: 2700 })).status).toBe(201);
    // and just inside the window it still counts
    const c2 = customer();
    const second = await create({ ...c2, amount: 2700 });
    await db.charge.update({ where: { id: second.body.id }, data: { createdAt: new Date(Date.now() - 23 * 3600_000) } });
    expect((await create({ ...c2, amount: 2700 })).status).toBe(409);
  });

  it("does not count an earlier charge that expired or was paid", async () => {
    const expired = customer();
    const a = await create({ ...expired, amount: 2800 });
    expect((await create({ ...expired, amount: 2800 })).status).toBe(409); // while it is pending
    expect((await post(`/api/charges/${a.body.id}/expire`, {})).status).toBe(200);
    expect((await create({ ...expired, amount: 2800 })).status).toBe(201);

    const paid = customer();
    const b = await create({ ...paid, amount: 2900 });
    expect((await create({ ...paid, amount: 2900 })).status).toBe(409);
    await sim(simUrl, `/pay/${b.body.id}/pay`);
    const synced = (await (await post(`/api/charges/${b.body.id}/sync`, {})).json()) as ChargeDto;
    expect(synced.status).toBe("successful");
    expect((await create({ ...paid, amount: 2900 })).status).toBe(201);
  });

  it("refuses confirmDuplicate without a reason with 422 on the reason field, before Omise", async () => {
    const c = customer();
    await create({ ...c, amount: 3000 });
    const before = await omiseWrites();
    for (const extra of [{}, { duplicateReason: "   " }]) {
      const res = await create({ ...c, amount: 3000, confirmDuplicate: true, ...extra });
      expect(res.status).toBe(422);
      expect(res.body.error).toEqual({ code: "unprocessable", message: ja("err.validation"), fields: { duplicateReason: [ja("v.duplicateReason.required")] } });
    }
    expect(await omiseWrites()).toEqual(before);
  });

  it("creates it with confirmDuplicate and a reason, and the reason is in the new charge's timeline with the actor", async () => {
    const c = customer();
    const first = await create({ ...c, amount: 3100 });
    const res = await create({ ...c, amount: 3100, confirmDuplicate: true, duplicateReason: "  お客様が2件目の注文と確認  " });
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(first.body.id);
    const detail = (await (await fetch(`${api.url}/api/charges/${res.body.id}`)).json()) as ChargeDetailDto;
    expect(detail.timeline.map((e) => e.kind)).toEqual(["duplicate_confirmed", "created"]);
    expect(detail.timeline[0]).toMatchObject({ source: "user", actorName: staff.name, detail: "お客様が2件目の注文と確認" });
    const original = (await (await fetch(`${api.url}/api/charges/${first.body.id}`)).json()) as ChargeDetailDto;
    expect(original.timeline.map((e) => e.kind)).toEqual(["created"]);
  });

  it("answers a retry of a created request with the same charge (200), not a duplicate", async () => {
    const c = customer();
    const idempotencyKey = `dup-retry-${randomBytes(6).toString("hex")}`;
    const first = await create({ ...c, amount: 3300, idempotencyKey });
    expect(first.status).toBe(201);
    const before = await omiseWrites();
    const retry = await create({ ...c, amount: 3300, idempotencyKey });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    expect(await omiseWrites()).toEqual(before);
    // A new request (new key) for the same order is the duplicate.
    expect((await create({ ...c, amount: 3300, idempotencyKey: `${idempotencyKey}-2` })).status).toBe(409);
  });
});
