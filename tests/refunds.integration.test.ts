import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import type { ChargeDetailDto } from "@/lib/charges/dto";
import type { ChargeRefundsDto, RefundDto } from "@/lib/refunds/dto";
import { refundTotals } from "@/lib/refunds/totals";
import { jstDateKey } from "@/lib/format";
import { makeUser, sim, uniqueCustomer, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";
import { TEST_SECRET_KEY } from "./test-env.mjs";

// Refunds by bank transfer over HTTP: the real route modules, a real database, charges paid at
// the simulator. The session is supplied as in the other integration tests.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

const simUrl = inject("simulatorUrl");
let api: Awaited<ReturnType<typeof startApiServer>>;
let staff: TestUser;
let admin: TestUser;
let viewer: TestUser;

const as = (u: TestUser) => (signedIn.user = { id: u.id, sv: 0, sid: u.sid });
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(api.url + path, { method, headers: { Origin: api.url, "Content-Type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
const BANK = { bankCode: "0001", branchCode: "123", accountType: "ordinary", accountNumber: "1234567", holderKana: "ヤマダ タロウ" } as const;
const refundsOf = async (id: string) => (await (await send("GET", `/api/charges/${id}/refunds`)).json()) as ChargeRefundsDto;

async function charge(paid: boolean, amount = 3000): Promise<ChargeDetailDto> {
  as(staff);
  const res = await send("POST", "/api/charges", { amount, customerName: "ヘンキン", ...uniqueCustomer() });
  expect(res.status).toBe(201);
  const c = (await res.json()) as ChargeDetailDto;
  if (!paid) return c;
  await sim(simUrl, `/charges/${c.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
  const synced = await send("POST", `/api/charges/${c.id}/sync`);
  expect(synced.status).toBe(200);
  const body = (await synced.json()) as ChargeDetailDto;
  expect(body.status).toBe("successful");
  return body;
}

const refund = (chargeId: string, body: object, key?: string) => send("POST", `/api/charges/${chargeId}/refunds`, { ...BANK, ...body }, key ? { "Idempotency-Key": key } : {});
const fieldsOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; fields?: Record<string, string[]> } }).error;

beforeAll(async () => {
  api = await startApiServer([
    { path: /^\/api\/charges$/, module: await import("@/app/api/charges/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)$/, module: await import("@/app/api/charges/[id]/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/sync$/, module: await import("@/app/api/charges/[id]/sync/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/refunds$/, module: await import("@/app/api/charges/[id]/refunds/route") },
    { path: /^\/api\/refunds\/(?<id>[^/]+)$/, module: await import("@/app/api/refunds/[id]/route") },
    { path: /^\/api\/refunds\/(?<id>[^/]+)\/reveal$/, module: await import("@/app/api/refunds/[id]/reveal/route") },
  ]);
  [staff, admin, viewer] = [await makeUser("staff"), await makeUser("admin"), await makeUser("viewer")];
});
afterAll(async () => api.close());

describe("POST /api/charges/:id/refunds", () => {
  it("records a request (201) with the details sealed at rest, shown masked, in the timeline and the audit log", async () => {
    const c = await charge(true);
    as(staff);
    const res = await refund(c.id, { amount: 1200, accountNumber: "７６５", holderKana: "ﾔﾏﾀﾞ ﾀﾛｳ", reason: "品切れ" });
    expect(res.status).toBe(201);
    const r = (await res.json()) as RefundDto;
    expect(r).toMatchObject({ amount: 1200, state: "requested", bankCode: "0001", branchCode: "123", accountType: "ordinary", accountNumberMasked: "****765", holderMasked: "ヤ＊＊ タ＊＊", reason: "品切れ", requestedBy: staff.name });
    expect(JSON.stringify(r)).not.toContain("0000765");
    const db = await getDb();
    const row = await db.refund.findUniqueOrThrow({ where: { id: r.id } });
    const raw = JSON.stringify(row);
    for (const plain of ["0000765", "ヤマダ", "タロウ", "ﾔﾏﾀﾞ"]) expect(raw).not.toContain(plain);
    expect(row.sealedBank).toMatch(/^r1\./);
    // The sealed blob opens to the normalised details through the admin's audited "show".
    as(staff);
    expect((await send("POST", `/api/refunds/${r.id}/reveal`)).status).toBe(403);
    as(admin);
    const shown = await send("POST", `/api/refunds/${r.id}/reveal`);
    expect(await shown.json()).toEqual({ ...BANK, accountNumber: "0000765", holderKana: "ヤマダ タロウ" });
    expect(await db.auditLog.count({ where: { action: "refund.reveal", targetId: r.id, actorId: admin.id } })).toBe(1);
    // Another refund's id as associated data: a copied blob does not open.
    const { openBank } = await import("@/lib/refunds/bank-box");
    expect(openBank("rfnd_other", row.sealedBank)).toBeNull();
    const events = await db.chargeEvent.findMany({ where: { chargeId: c.id, kind: "refund_requested" } });
    expect(events).toMatchObject([{ actorId: staff.id, detail: "1200" }]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "refund.request", targetId: r.id } });
    expect(audit).toMatchObject({ actorId: staff.id, reason: "品切れ", detail: { chargeId: c.id, amount: 1200 } });
    expect(JSON.stringify(audit)).not.toContain("0000765");
    const list = await refundsOf(c.id);
    expect(list).toMatchObject({ paid: true, paidAmount: 3000, refundedAmount: 0, requestedAmount: 1200, refundableAmount: 1800, enabled: true });
    expect(list.refunds.map((x) => x.id)).toEqual([r.id]);
  });

  it("answers 422 naming every bad field, and changes nothing", async () => {
    const c = await charge(true);
    as(staff);
    const cases: [object, string, string][] = [
      [{ amount: 0 }, "amount", "返金額"],
      [{ amount: 10.5 }, "amount", "返金額"],
      [{ amount: "100" }, "amount", "返金額"],
      [{ bankCode: "001" }, "bankCode", "金融機関コード"],
      [{ bankCode: "00012" }, "bankCode", "金融機関コード"],
      [{ bankCode: "abcd" }, "bankCode", "金融機関コード"],
      [{ branchCode: "12" }, "branchCode", "支店コード"],
      [{ accountType: "current" }, "accountType", "預金種目"],
      [{ accountNumber: "12345678" }, "accountNumber", "口座番号"],
      [{ accountNumber: "12a4567" }, "accountNumber", "口座番号"],
      [{ holderKana: "山田太郎" }, "holderKana", "カタカナ"],
      [{ holderKana: "" }, "holderKana", "カタカナ"],
      [{ holderKana: "ア".repeat(31) }, "holderKana", "30文字"],
      [{ reason: "x".repeat(256) }, "reason", "255文字"],
    ];
    for (const [body, field, word] of cases) {
      const res = await refund(c.id, { amount: 100, ...body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      const error = await fieldsOf(res);
      expect(Object.keys(error.fields ?? {}), JSON.stringify(body)).toEqual([field]);
      expect(error.fields?.[field]?.[0], JSON.stringify(body)).toContain(word);
    }
    const missing = await send("POST", `/api/charges/${c.id}/refunds`, {});
    expect(missing.status).toBe(422);
    expect(Object.keys((await fieldsOf(missing)).fields ?? {}).sort()).toEqual(["accountNumber", "accountType", "amount", "bankCode", "branchCode", "holderKana"]);
    const english = await send("POST", `/api/charges/${c.id}/refunds`, { ...BANK, amount: 100, bankCode: "1" }, { Cookie: "kd_locale=en" });
    expect((await fieldsOf(english)).fields?.bankCode).toEqual(["The bank code is 4 digits"]);
    expect((await refundsOf(c.id)).refunds).toEqual([]);
    expect(await (await getDb()).auditLog.count({ where: { action: "refund.request", detail: { path: ["chargeId"], equals: c.id } } })).toBe(0);
  });

  it("refuses a charge that is not paid (422), a viewer (403), an unknown charge (404)", async () => {
    const pending = await charge(false);
    as(staff);
    const res = await refund(pending.id, { amount: 100 });
    expect(res.status).toBe(422);
    expect((await fieldsOf(res)).message).toBe("入金済みでない請求には返金を記録できません。");
    as(viewer);
    expect((await refund(pending.id, { amount: 100 })).status).toBe(403);
    as(staff);
    expect((await refund("chrg_missing", { amount: 100 })).status).toBe(404);
  });

  it("refuses more than paid and not yet refunded (422); a cancelled request frees its amount", async () => {
    const c = await charge(true, 2000);
    as(staff);
    const a = (await (await refund(c.id, { amount: 1500 })).json()) as RefundDto;
    const over = await refund(c.id, { amount: 501 });
    expect(over.status).toBe(422);
    const error = await fieldsOf(over);
    expect(error.message).toBe("返金額が返金可能額（500 円）を超えています。");
    expect(error.fields?.amount).toEqual(["返金額が返金可能額を超えています"]);
    expect((await refund(c.id, { amount: 500 })).status).toBe(201);
    expect((await refund(c.id, { amount: 1 })).status).toBe(422);
    expect((await send("PATCH", `/api/refunds/${a.id}`, { state: "cancelled" })).status).toBe(200);
    expect((await refund(c.id, { amount: 1500 })).status).toBe(201);
    expect((await refundsOf(c.id)).refundableAmount).toBe(0);
  });

  it("lets concurrent requests together never exceed what was paid", async () => {
    const c = await charge(true, 3000);
    as(staff);
    const answers = await Promise.all(Array.from({ length: 6 }, () => refund(c.id, { amount: 1000 })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 422, 422, 422]);
    const rows = await (await getDb()).refund.findMany({ where: { chargeId: c.id } });
    expect(rows.reduce((n, r) => n + r.amount, 0)).toBe(3000);
  });

  it("makes one refund for one Idempotency-Key, also for concurrent double clicks", async () => {
    const c = await charge(true, 3000);
    as(staff);
    const key = `refund-key-${Date.now()}`;
    const [one, two] = await Promise.all([refund(c.id, { amount: 800 }, key), refund(c.id, { amount: 800 }, key)]);
    expect([one.status, two.status]).toEqual([201, 201]);
    const [a, b] = [(await one.json()) as RefundDto, (await two.json()) as RefundDto];
    expect(a.id).toBe(b.id);
    expect([one.headers.get("idempotent-replayed"), two.headers.get("idempotent-replayed")].sort()).toEqual(["true", null].sort());
    const again = await refund(c.id, { amount: 800 }, key);
    expect(((await again.json()) as RefundDto).id).toBe(a.id);
    expect(await (await getDb()).refund.count({ where: { chargeId: c.id } })).toBe(1);
    expect((await refund(c.id, { amount: 800 }, "bad key")).status).toBe(422);
  });
});

describe("PATCH /api/refunds/:id", () => {
  it("moves requested → transferred (admin only), records who and when, and shows refunded on the charge", async () => {
    const c = await charge(true, 2500);
    as(staff);
    const r = (await (await refund(c.id, { amount: 1000 })).json()) as RefundDto;
    const refused = await send("PATCH", `/api/refunds/${r.id}`, { state: "transferred" });
    expect(refused.status).toBe(403);
    expect((await send("PATCH", `/api/refunds/${r.id}`, { state: "requested" })).status).toBe(422);
    as(viewer);
    expect((await send("PATCH", `/api/refunds/${r.id}`, { state: "cancelled" })).status).toBe(403);
    as(admin);
    const before = Date.now();
    const res = await send("PATCH", `/api/refunds/${r.id}`, { state: "transferred" });
    expect(res.status).toBe(200);
    const done = (await res.json()) as RefundDto;
    expect(done).toMatchObject({ state: "transferred", transferredBy: admin.name, cancelledAt: null });
    expect(Date.parse(done.transferredAt ?? "")).toBeGreaterThanOrEqual(before - 1000);
    // Finished: no further move, either way (409).
    expect((await send("PATCH", `/api/refunds/${r.id}`, { state: "cancelled" })).status).toBe(409);
    expect((await send("PATCH", `/api/refunds/${r.id}`, { state: "transferred" })).status).toBe(409);
    expect((await send("PATCH", `/api/refunds/missing`, { state: "cancelled" })).status).toBe(404);
    const detail = (await (await send("GET", `/api/charges/${c.id}`)).json()) as ChargeDetailDto;
    expect(detail.refundedAmount).toBe(1000);
    expect(detail.timeline.filter((e) => e.kind.startsWith("refund_")).map((e) => [e.kind, e.detail, e.actorName])).toEqual([
      ["refund_requested", "1000", staff.name],
      ["refund_transferred", "1000", admin.name],
    ]);
    expect(await (await getDb()).auditLog.count({ where: { action: "refund.transfer", targetId: r.id, actorId: admin.id } })).toBe(1);
    expect(await refundsOf(c.id)).toMatchObject({ refundedAmount: 1000, requestedAmount: 0, refundableAmount: 1500 });
  });

  it("lets staff cancel, with a timeline entry and an audit row; cancelled stays cancelled", async () => {
    const c = await charge(true, 2500);
    as(staff);
    const r = (await (await refund(c.id, { amount: 700 })).json()) as RefundDto;
    const res = await send("PATCH", `/api/refunds/${r.id}`, { state: "cancelled" });
    expect(await res.json()).toMatchObject({ state: "cancelled", cancelledBy: staff.name });
    as(admin);
    expect((await send("PATCH", `/api/refunds/${r.id}`, { state: "transferred" })).status).toBe(409);
    const db = await getDb();
    expect(await db.chargeEvent.count({ where: { chargeId: c.id, kind: "refund_cancelled", actorId: staff.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "refund.cancel", targetId: r.id } })).toBe(1);
    expect((await db.charge.findUniqueOrThrow({ where: { id: c.id } })).refundedAmount).toBe(0);
  });
});

describe("refundTotals (lib/refunds/totals.ts)", () => {
  it("equals a direct query over the refunds, by JST day of transfer and of request", async () => {
    const db = await getDb();
    const today = jstDateKey(new Date());
    const totals = await refundTotals({ from: today, to: today });
    expect(totals.days.map((d) => d.day)).toEqual([today]);
    const all = await db.refund.findMany();
    const onDay = (d: Date | null) => d !== null && jstDateKey(d) === today;
    const transferred = all.filter((r) => r.state === "transferred" && onDay(r.transferredAt));
    const requested = all.filter((r) => r.state === "requested" && onDay(r.requestedAt));
    expect(transferred.length).toBeGreaterThan(0);
    expect(totals.transferred).toEqual({ count: transferred.length, amount: transferred.reduce((n, r) => n + r.amount, 0) });
    expect(totals.requested).toEqual({ count: requested.length, amount: requested.reduce((n, r) => n + r.amount, 0) });
    await expect(refundTotals({ from: today, to: "2020-01-01" })).rejects.toThrow();
  });
});

describe("without REFUND_DATA_KEY", () => {
  it("refuses to record a refund (503, a clear message) and still lists existing ones masked", async () => {
    const { env, parseEnv } = await import("@/lib/env");
    const { publishProcessValue } = await import("@/lib/process-state");
    const c = await charge(true, 1000);
    as(staff);
    expect((await refund(c.id, { amount: 100 })).status).toBe(201);
    const saved = env();
    publishProcessValue("env", parseEnv({ ...process.env, REFUND_DATA_KEY: "" }));
    try {
      const res = await refund(c.id, { amount: 100 });
      expect(res.status).toBe(503);
      expect((await fieldsOf(res)).message).toBe("返金は無効です: サーバーに REFUND_DATA_KEY が設定されていません。");
      const list = await refundsOf(c.id);
      expect(list).toMatchObject({ enabled: false, requestedAmount: 100 });
      expect(list.refunds[0]?.accountNumberMasked).toBe("****567");
    } finally {
      publishProcessValue("env", saved);
    }
  });

  it("a key that is not 32 bytes of base64 stops the start with a message naming it", async () => {
    const { parseEnv } = await import("@/lib/env");
    expect(() => parseEnv({ ...process.env, REFUND_DATA_KEY: "short" })).toThrow(/REFUND_DATA_KEY: must be 32 random bytes in base64/);
    expect(() => parseEnv({ ...process.env, REFUND_DATA_KEY: Buffer.alloc(16).toString("base64") })).toThrow(/REFUND_DATA_KEY/);
  });
});
