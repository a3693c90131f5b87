import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { getCharge } from "@/lib/charges/get-charge";
import { keyTranslator } from "@/lib/i18n/translate-key";
import { makeUser, sim, uniqueCustomer, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";

// POST /api/charges/:id/reissue over HTTP through the real route handler; the session is supplied
// as in api-validation. The simulator is asked directly what Omise holds.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

const simUrl = inject("simulatorUrl");
const ja = keyTranslator("ja");
type Body = { id: string; status: string; customerName: string; customerEmail: string; amount: number; reissuedFromId: string | null; reissuedToId: string | null };
type ErrorBody = { error: { code: string; message: string } };

let api: Awaited<ReturnType<typeof startApiServer>>;
let staff: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  api = await startApiServer([{ path: /^\/api\/charges\/(?<id>[^/]+)\/reissue$/, module: await import("@/app/api/charges/[id]/reissue/route") }]);
  staff = await makeUser("staff");
  viewer = await makeUser("viewer");
});
afterAll(() => api.close());

const as = (u: TestUser) => (signedIn.user = { id: u.id, sv: 0, sid: u.sid });
const reissue = (id: string, body: object = {}) =>
  fetch(`${api.url}/api/charges/${id}/reissue`, { method: "POST", headers: { Origin: api.url, "Content-Type": "application/json" }, body: JSON.stringify(body) });
const newCharge = async () =>
  (await createCharge({ actor: staff, input: { amount: 2400, customerName: "サイハッコウ", ...uniqueCustomer(), description: "再発行テスト" } })).charge;
const atOmise = async (id: string) =>
  (await (await fetch(`${simUrl}/charges/${id}`, { headers: { Authorization: `Basic ${Buffer.from("skey_test_konbinidesk:").toString("base64")}` } })).json()) as { status: string };

describe("POST /api/charges/:id/reissue", () => {
  it("pending: expires the old charge at Omise, creates a new pending one for the same customer, links both with the reason", async () => {
    as(staff);
    const old = await newCharge();
    const expiresAt = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const res = await reissue(old.id, { reason: "期限を延ばしたい", expiresAt, amount: 2600 });
    expect(res.status).toBe(201);
    const fresh = (await res.json()) as Body;
    expect(fresh).toMatchObject({ status: "pending", customerName: old.customerName, customerEmail: old.customerEmail, amount: 2600, reissuedFromId: old.id });
    expect(fresh.id).not.toBe(old.id);
    expect((await atOmise(old.id)).status).toBe("expired");
    expect((await atOmise(fresh.id)).status).toBe("pending");
    const oldDetail = await getCharge({ id: old.id });
    const newDetail = await getCharge({ id: fresh.id });
    expect(oldDetail).toMatchObject({ status: "expired", reissuedToId: fresh.id });
    expect(newDetail.description).toBe("再発行テスト");
    expect(oldDetail.timeline.find((e) => e.kind === "reissued_to")).toMatchObject({ actorName: staff.name, detail: "期限を延ばしたい" });
    expect(newDetail.timeline.find((e) => e.kind === "reissued_from")).toMatchObject({ actorName: staff.name, detail: "期限を延ばしたい" });
  });

  it("expired: creates the new charge without asking Omise to expire anything", async () => {
    as(staff);
    const old = await newCharge();
    // Expired here only: had the re-issue called Omise's expire, the simulator would say so.
    await (await getDb()).charge.update({ where: { id: old.id }, data: { status: "expired", expiredAt: new Date() } });
    const res = await reissue(old.id);
    expect(res.status).toBe(201);
    const fresh = (await res.json()) as Body;
    expect(fresh).toMatchObject({ status: "pending", amount: old.amount, reissuedFromId: old.id });
    expect((await atOmise(old.id)).status).toBe("pending");
    expect((await getCharge({ id: old.id })).timeline.some((e) => e.kind === "expire_requested")).toBe(false);
  });

  it("paid: 422 with its own message", async () => {
    as(staff);
    const old = await newCharge();
    await sim(simUrl, `/charges/${old.id}/mark_as_paid`, {}, "skey_test_konbinidesk");
    await (await getDb()).charge.update({ where: { id: old.id }, data: { status: "successful", paidAt: new Date() } });
    const res = await reissue(old.id);
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "unprocessable", message: ja("err.reissue_paid") });
    expect((await getCharge({ id: old.id })).reissuedToId).toBeNull();
  });

  it("twice: one new charge, 200 the second time", async () => {
    as(staff);
    const old = await newCharge();
    const first = await reissue(old.id, { reason: "一回目" });
    expect(first.status).toBe(201);
    const second = await reissue(old.id, { reason: "二回目" });
    expect(second.status).toBe(200);
    const a = (await first.json()) as Body;
    const b = (await second.json()) as Body;
    expect(b.id).toBe(a.id);
    const db = await getDb();
    expect(await db.charge.count({ where: { reissuedFromId: old.id } })).toBe(1);
    expect(await db.charge.count({ where: { customerEmail: old.customerEmail } })).toBe(2);
    expect((await getCharge({ id: old.id })).timeline.filter((e) => e.kind === "reissued_to")).toHaveLength(1);
  });

  it("viewer: 403, and nothing changes", async () => {
    const old = await newCharge();
    as(viewer);
    const res = await reissue(old.id);
    expect(res.status).toBe(403);
    expect((await atOmise(old.id)).status).toBe("pending");
    expect((await getCharge({ id: old.id })).reissuedToId).toBeNull();
  });
});
