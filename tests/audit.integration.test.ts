import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { env, parseEnv } from "@/lib/env";
import { publishProcessValue } from "@/lib/process-state";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { keyTranslator } from "@/lib/i18n/translate-key";
import { makeUser, uniqueCustomer, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";

// S11: every privileged action writes its audit row (with the request's address, user agent and
// id) through the real route handlers over HTTP; the database itself refuses to change or drop
// rows; GET /api/audit filters and pages with a keyset. Also the origin check's X-Forwarded-Host
// rule (TRUST_PROXY) and Cache-Control: no-store on API answers. The session is supplied as in
// api-validation.integration.test.ts.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

const ja = keyTranslator("ja");
let api: Awaited<ReturnType<typeof startApiServer>>;
let admin: TestUser;
let staff: TestUser;

beforeAll(async () => {
  api = await startApiServer([
    { path: /^\/api\/charges$/, module: await import("@/app/api/charges/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/expire$/, module: await import("@/app/api/charges/[id]/expire/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/sync$/, module: await import("@/app/api/charges/[id]/sync/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/reissue$/, module: await import("@/app/api/charges/[id]/reissue/route") },
    { path: /^\/api\/users$/, module: await import("@/app/api/users/route") },
    { path: /^\/api\/users\/(?<id>[^/]+)$/, module: await import("@/app/api/users/[id]/route") },
    { path: /^\/api\/audit$/, module: await import("@/app/api/audit/route") },
  ]);
  admin = await makeUser("admin");
  staff = await makeUser("staff");
  // Changing a role or disabling asks for the admin's own password (re-authentication, S5).
  await (await getDb()).user.update({ where: { id: admin.id }, data: { passwordHash: await hashPassword(ADMIN_PASSWORD) } });
});
afterAll(() => api.close());

const ADMIN_PASSWORD = "audit-admin-passphrase-2026";
const as = (u: TestUser) => (signedIn.user = { id: u.id, sv: 0, sid: u.sid });
let n = 0;
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const requestId = `req-audit-${++n}`;
  const res = fetch(api.url + path, {
    method,
    headers: { Origin: api.url, "Content-Type": "application/json", "User-Agent": "audit-test/1", "X-Request-Id": requestId, "X-Kd-Remote-Addr": "203.0.113.9", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return Object.assign(res, { requestId });
};
const rowFor = async (requestId: string, action: string) => (await getDb()).auditLog.findMany({ where: { requestId, action } });

describe("audit rows for every privileged action (S11)", () => {
  it("charge create, sync, expire and re-issue each write one row with who, what, where and the request id", async () => {
    as(staff);
    const created = call("POST", "/api/charges", { amount: 1800, customerName: "カンサ", ...uniqueCustomer() });
    const charge = (await (await created).json()) as { id: string };
    const [c] = await rowFor(created.requestId, "charge.create");
    expect(c).toMatchObject({ actorId: staff.id, actorEmail: staff.email, targetType: "charge", targetId: charge.id, ip: "203.0.113.9", userAgent: "audit-test/1" });
    expect(c?.detail).toMatchObject({ amount: 1800 });

    const synced = call("POST", `/api/charges/${charge.id}/sync`);
    expect((await synced).status).toBe(200);
    expect(await rowFor(synced.requestId, "charge.sync")).toEqual([expect.objectContaining({ actorId: staff.id, targetId: charge.id, detail: { from: "pending", to: "pending" } })]);

    const expired = call("POST", `/api/charges/${charge.id}/expire`, { reason: "お客様の依頼" });
    expect((await expired).status).toBe(200);
    expect(await rowFor(expired.requestId, "charge.expire")).toEqual([
      expect.objectContaining({ actorId: staff.id, targetId: charge.id, reason: "お客様の依頼", detail: { from: "pending", to: "expired" } }),
    ]);

    const reissued = call("POST", `/api/charges/${charge.id}/reissue`, { reason: "期限切れのため" });
    const next = (await (await reissued).json()) as { id: string };
    expect(await rowFor(reissued.requestId, "charge.reissue")).toEqual([
      expect.objectContaining({ actorId: staff.id, targetId: charge.id, reason: "期限切れのため", detail: { newChargeId: next.id } }),
    ]);
    // The re-issue's own new charge is a create of its own, in the same request.
    expect(await rowFor(reissued.requestId, "charge.create")).toEqual([expect.objectContaining({ targetId: next.id })]);
  });

  it("user create and update (role, disable, enable) write rows with before and after", async () => {
    as(admin);
    const email = `audited-${Date.now()}@example.jp`;
    const created = call("POST", "/api/users", { name: "カンサ対象", email, password: "a-long-enough-password", role: "viewer" });
    const u = (await (await created).json()) as { id: string };
    expect(await rowFor(created.requestId, "user.create")).toEqual([
      expect.objectContaining({ actorId: admin.id, targetType: "user", targetId: u.id, detail: { after: expect.objectContaining({ email, role: "viewer", disabled: false }) } }),
    ]);
    expect(JSON.stringify((await rowFor(created.requestId, "user.create"))[0]?.detail)).not.toContain("password");
    const changes: [object, object, object][] = [
      [{ role: "staff", currentPassword: ADMIN_PASSWORD }, { role: "viewer", disabled: false }, { role: "staff", disabled: false }],
      [{ disabled: true, currentPassword: ADMIN_PASSWORD }, { role: "staff", disabled: false }, { role: "staff", disabled: true }],
      [{ disabled: false }, { role: "staff", disabled: true }, { role: "staff", disabled: false }],
    ];
    for (const [input, before, after] of changes) {
      const res = call("PATCH", `/api/users/${u.id}`, input);
      expect((await res).status).toBe(200);
      expect(await rowFor(res.requestId, "user.update")).toEqual([expect.objectContaining({ actorId: admin.id, targetId: u.id, detail: { before, after } })]);
    }
    // A refused change (validation) changes nothing and writes nothing.
    const bad = call("PATCH", `/api/users/${u.id}`, { role: "owner" });
    expect((await bad).status).toBe(422);
    expect(await rowFor(bad.requestId, "user.update")).toEqual([]);
  });
});

describe("the database refuses to change the audit log", () => {
  it("UPDATE, DELETE and TRUNCATE on AuditLog fail; the row stays as written", async () => {
    const db = await getDb();
    await recordAudit(db, { action: "test.append_only", actorEmail: "trigger@example.jp" });
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "test.append_only" } });
    await expect(db.$executeRawUnsafe(`UPDATE "AuditLog" SET action = 'test.rewritten' WHERE id = $1`, row.id)).rejects.toThrow();
    await expect(db.auditLog.update({ where: { id: row.id }, data: { reason: "tampered" } })).rejects.toThrow();
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE id = $1`, row.id)).rejects.toThrow();
    await expect(db.auditLog.deleteMany({})).rejects.toThrow();
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow();
    expect(await db.auditLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });
});

describe("GET /api/audit", () => {
  type Page = { data: { id: string; action: string; actorId: string | null; at: string }[]; nextCursor: string | null };
  const get = async (qs: string) => (await call("GET", `/api/audit?${qs}`)) as Response;

  it("is for admins only", async () => {
    as(staff);
    expect((await get("")).status).toBe(403);
    signedIn.user = null;
    expect((await get("")).status).toBe(401);
  });

  it("filters by actor and action, and walks every row once with the keyset cursor", async () => {
    const actor = await makeUser("staff");
    const db = await getDb();
    for (let i = 0; i < 7; i++) await recordAudit(db, { action: i % 2 ? "charge.sync" : "charge.create", actorId: actor.id, actorEmail: actor.email });
    as(admin);
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const res = await get(`actor=${actor.id}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const page = (await res.json()) as Page;
      seen.push(...page.data.map((r) => r.id));
      for (const r of page.data) expect(r.actorId).toBe(actor.id);
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const syncs = (await (await get(`actor=${actor.id}&action=charge.sync`)).json()) as Page;
    expect(syncs.data.map((r) => r.action)).toEqual(["charge.sync", "charge.sync", "charge.sync"]);
    // By email too (failed sign-ins carry only the email typed).
    expect(((await (await get(`actor=${encodeURIComponent(actor.email.toUpperCase())}`)).json()) as Page).data).toHaveLength(7);
  });

  it("takes JST calendar days: a row at 23:30 JST belongs to that day, not the next", async () => {
    const db = await getDb();
    const actor = await makeUser("viewer");
    // Rows cannot be edited, so they are written with their time.
    await db.auditLog.create({ data: { action: "charge.sync", actorId: actor.id, at: new Date("2026-11-30T14:30:00.000Z") } }); // 23:30 JST, 30 Nov
    await db.auditLog.create({ data: { action: "charge.sync", actorId: actor.id, at: new Date("2026-11-30T15:00:00.000Z") } }); // 00:00 JST, 1 Dec
    as(admin);
    const day = async (from: string, to: string) => ((await (await get(`actor=${actor.id}&from=${from}&to=${to}`)).json()) as Page).data.map((r) => r.at);
    expect(await day("2026-11-30", "2026-11-30")).toEqual(["2026-11-30T14:30:00.000Z"]);
    expect(await day("2026-12-01", "2026-12-01")).toEqual(["2026-11-30T15:00:00.000Z"]);
    expect(await day("2026-11-30", "2026-12-01")).toHaveLength(2);
  });

  it("answers bad filters with 422 and a message per field", async () => {
    as(admin);
    const res = await get("from=2026-02-30&to=yesterday&action=DROP%20TABLE&cursor=nope");
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fields: Record<string, string[]> } };
    expect(body.error.fields).toEqual({ from: [ja("v.date.invalid")], to: [ja("v.date.invalid")], action: [ja("v.action.invalid")], cursor: [ja("v.cursor.invalid")] });
    const order = await get("from=2026-12-02&to=2026-12-01");
    expect(((await order.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({ to: [ja("v.dateRange.invalid")] });
  });
});

describe("the origin check and X-Forwarded-Host (TRUST_PROXY)", () => {
  const withTrustProxy = async (value: string, fn: () => Promise<void>) => {
    const saved = env();
    publishProcessValue("env", parseEnv({ ...process.env, TRUST_PROXY: value }));
    try {
      await fn();
    } finally {
      publishProcessValue("env", saved);
    }
  };
  const post = (headers: Record<string, string>) => call("POST", "/api/charges", { amount: 1800, customerName: "オリジン", ...uniqueCustomer() }, headers);

  it("without TRUST_PROXY a forwarded host a client sends is not believed", async () => {
    as(staff);
    await withTrustProxy("0", async () => {
      const res = await post({ Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" });
      expect(res.status).toBe(403);
      // Without the forwarded header the app's own origin still passes.
      expect((await post({})).status).toBe(201);
    });
  });

  it("with TRUST_PROXY the proxy's X-Forwarded-Host is the host the browser used", async () => {
    as(staff);
    await withTrustProxy("1", async () => {
      const proto = new URL(api.url).protocol;
      expect((await post({ Origin: `${proto}//desk.example.jp`, "X-Forwarded-Host": "desk.example.jp" })).status).toBe(201);
      expect((await post({ Origin: "https://evil.example", "X-Forwarded-Host": "desk.example.jp" })).status).toBe(403);
    });
  });

  it("with TRUST_PROXY the audit log takes the client address from X-Forwarded-For, without it the socket's", async () => {
    as(staff);
    await withTrustProxy("1", async () => {
      const res = post({ "X-Forwarded-For": "192.0.2.44, 10.0.0.1" });
      expect((await res).status).toBe(201);
      expect((await rowFor(res.requestId, "charge.create"))[0]?.ip).toBe("192.0.2.44");
    });
    await withTrustProxy("0", async () => {
      const res = post({ "X-Forwarded-For": "192.0.2.44" });
      expect((await res).status).toBe(201);
      expect((await rowFor(res.requestId, "charge.create"))[0]?.ip).toBe("203.0.113.9");
    });
  });
});
