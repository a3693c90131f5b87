import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { Browser, startAuthServer } from "./auth-http";
import { startLeanListener } from "./helpers";

// S4, S5, S2 over HTTP with the real next-auth: credentials sign-in sets the JWT cookie, the
// app's route handlers read it (getServerSession, called with this request's cookies: see
// tests/auth-http.ts) and check the server-side session row it names; the lean listener
// (lib/http/lean-reads.ts) decodes the same cookie itself and must answer alike.
vi.mock("next-auth", async (importOriginal) => {
  const real = await importOriginal<typeof import("next-auth")>();
  const { requestStore } = await import("./auth-http");
  const noRes = { getHeader() {}, setCookie() {}, setHeader() {} };
  return {
    ...real,
    getServerSession: (options: Parameters<typeof real.getServerSession>[0]) =>
      // @ts-expect-error the Pages form (req, res, options) with a minimal req/res
      real.getServerSession({ headers: requestStore.getStore()?.headers ?? {}, cookies: requestStore.getStore()?.cookies ?? {} }, noRes, options),
  };
});

type Server = Awaited<ReturnType<typeof startAuthServer>>;
let server: Server;
let lean: Awaited<ReturnType<typeof startLeanListener>>;
const ADMIN_PASSWORD = "admin pass for sessions test";
let admin: { id: string; email: string };

async function makeUser(role: "admin" | "staff" | "viewer", password: string) {
  const db = await getDb();
  const tag = randomBytes(4).toString("hex");
  const u = await db.user.create({ data: { email: `s-${role}-${tag}@example.jp`, name: `S ${tag}`, role, passwordHash: await hashPassword(password) } });
  return { id: u.id, email: u.email };
}

async function signedIn(email: string, password: string, ua?: string) {
  const b = new Browser(server.url, ua);
  expect(await b.signIn(email, password)).toBe(true);
  expect((await b.fetch("/api/charges")).status).toBe(200);
  return b;
}

// Every probe asks both listeners: the Next route and server.mjs's lean listener (lib/http/lean-reads.ts)
// must agree on every session state below.
const charges = async (b: Browser, cookie?: string) => {
  const viaNext = (await b.fetch("/api/charges", { cookie })).status;
  const viaLean = await fetch(`${lean.url}/api/charges`, { headers: { Cookie: cookie ?? b.cookieHeader } });
  expect(viaLean.headers.get("x-served-by")).toBe("konbini-desk-lean");
  expect(viaLean.status, "the lean listener agrees with the Next route").toBe(viaNext);
  return viaNext;
};
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; fields?: Record<string, string[]> } }).error;

beforeAll(async () => {
  const { default: NextAuth } = await import("next-auth");
  const { getAuthOptions } = await import("@/lib/auth/options");
  server = await startAuthServer(
    [
      { path: /^\/api\/charges$/, module: await import("@/app/api/charges/route") },
      { path: /^\/api\/users$/, module: await import("@/app/api/users/route") },
      { path: /^\/api\/users\/(?<id>[^/]+)$/, module: await import("@/app/api/users/[id]/route") },
      { path: /^\/api\/users\/(?<id>[^/]+)\/password-reset$/, module: await import("@/app/api/users/[id]/password-reset/route") },
      { path: /^\/api\/account\/password$/, module: await import("@/app/api/account/password/route") },
      { path: /^\/api\/account\/sessions$/, module: await import("@/app/api/account/sessions/route") },
      { path: /^\/api\/account\/sessions\/revoke-all$/, module: await import("@/app/api/account/sessions/revoke-all/route") },
      { path: /^\/api\/account\/sessions\/(?<id>[^/]+)\/revoke$/, module: await import("@/app/api/account/sessions/[id]/revoke/route") },
    ],
    NextAuth as never,
    getAuthOptions,
  );
  lean = await startLeanListener();
  admin = await makeUser("admin", ADMIN_PASSWORD);
});
afterAll(async () => {
  await server?.close();
  await lean?.close();
});

describe("sign-out ends the session (S5)", () => {
  it("a cookie captured before signing out gets 401 when replayed after it", async () => {
    const pw = "staff pass number one";
    const u = await makeUser("staff", pw);
    const b = await signedIn(u.email, pw);
    const captured = b.sessionCookie;
    expect(await charges(b, captured)).toBe(200);
    const out = await b.signOut();
    expect(out.status).toBe(200);
    expect(b.cookies.has("next-auth.session-token")).toBe(false);
    expect(await charges(b, captured)).toBe(401);
    const db = await getDb();
    const rows = await db.authSession.findMany({ where: { userId: u.id } });
    expect(rows.map((r) => r.revokedReason)).toEqual(["sign_out"]);
  });

  it("a wrong password sets no session; a forged token naming no session is refused", async () => {
    const b = new Browser(server.url);
    expect(await b.signIn(admin.email, "not the admin password")).toBe(false);
    const { encode } = await import("next-auth/jwt");
    const { env } = await import("@/lib/env");
    const forged = await encode({ token: { sub: admin.id, role: "admin", sv: 0, sid: "no-such-session" }, secret: env().NEXTAUTH_SECRET });
    expect(await charges(b, `next-auth.session-token=${forged}`)).toBe(401);
    const noSid = await encode({ token: { sub: admin.id, role: "admin", sv: 0 }, secret: env().NEXTAUTH_SECRET });
    expect(await charges(b, `next-auth.session-token=${noSid}`)).toBe(401);
  });
});

describe("idle and absolute limits over HTTP (S4)", () => {
  it("a session idle for 15 minutes, or past its absolute limit, gets 401; the JWT's own expiry does not matter", async () => {
    const pw = "staff pass number two";
    const u = await makeUser("staff", pw);
    const db = await getDb();
    const idle = await signedIn(u.email, pw);
    const active = await signedIn(u.email, pw);
    const [a, b] = await db.authSession.findMany({ where: { userId: u.id }, orderBy: { createdAt: "asc" } });
    const now = Date.now();
    await db.authSession.update({ where: { id: a!.id }, data: { lastSeenAt: new Date(now - 15 * 60_000 - 1000) } });
    expect(await charges(idle)).toBe(401);
    // 14 minutes idle is still fine, and the request moves lastSeenAt forward.
    await db.authSession.update({ where: { id: b!.id }, data: { lastSeenAt: new Date(now - 14 * 60_000) } });
    expect(await charges(active)).toBe(200);
    expect((await db.authSession.findUniqueOrThrow({ where: { id: b!.id } })).lastSeenAt.getTime()).toBeGreaterThan(now - 60_000);
    await db.authSession.update({ where: { id: b!.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await charges(active)).toBe(401);
    // next-auth's session endpoint still slides its JWT, but that changes nothing.
    await active.fetch("/api/auth/session");
    expect(await charges(active)).toBe(401);
  });

  it("a new session row carries the absolute limit (8 h) and the client's user agent", async () => {
    const pw = "staff pass number six";
    const u = await makeUser("staff", pw);
    await signedIn(u.email, pw, "Phone Browser/1.0");
    const db = await getDb();
    const row = await db.authSession.findFirstOrThrow({ where: { userId: u.id } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(8 * 3_600_000);
    expect(row.userAgent).toBe("Phone Browser/1.0");
    expect(row.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("sign out everywhere and the session list (S5)", () => {
  it("POST /api/account/sessions/revoke-all ends both sessions; the list shows them first; one can be revoked alone", async () => {
    const pw = "staff pass number three";
    const u = await makeUser("staff", pw);
    const one = await signedIn(u.email, pw, "Desk PC");
    const two = await signedIn(u.email, pw, "Phone");
    const three = await signedIn(u.email, pw, "Tablet");
    const list = (await (await one.fetch("/api/account/sessions")).json()) as { data: { id: string; current: boolean; userAgent: string }[] };
    expect(list.data.map((s) => s.userAgent).sort()).toEqual(["Desk PC", "Phone", "Tablet"]);
    expect(list.data.filter((s) => s.current).map((s) => s.userAgent)).toEqual(["Desk PC"]);
    const tablet = list.data.find((s) => s.userAgent === "Tablet")!;
    expect((await one.fetch(`/api/account/sessions/${tablet.id}/revoke`, { method: "POST" })).status).toBe(200);
    expect(await charges(three)).toBe(401);
    expect((await one.fetch(`/api/account/sessions/${tablet.id}/revoke`, { method: "POST" })).status).toBe(404);

    const res = await two.fetch("/api/account/sessions/revoke-all", { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: 2 });
    expect(await charges(one)).toBe(401);
    expect(await charges(two)).toBe(401);
    const db = await getDb();
    // (The sign-ins before it are audited too: auth.sign_in.)
    const audit = await db.auditLog.findMany({ where: { actorId: u.id, action: { startsWith: "auth.session" } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["auth.session_revoked", "auth.sessions_revoked"]);
  });
});

describe("changing one's own password (S2, S5)", () => {
  it("needs the current password, applies the policy, keeps this session and ends the others", async () => {
    const pw = "staff pass number four";
    const u = await makeUser("staff", pw);
    const here = await signedIn(u.email, pw);
    const elsewhere = await signedIn(u.email, pw);
    const change = (body: unknown) => here.fetch("/api/account/password", { json: body });

    let res = await change({ newPassword: "a brand new passphrase" });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("reauth_required");
    res = await change({ currentPassword: "wrong one entirely", newPassword: "a brand new passphrase" });
    expect(res.status).toBe(403);
    const wrong = await errorOf(res);
    expect(wrong.code).toBe("reauth_failed");
    expect(wrong.fields?.currentPassword?.length).toBe(1);
    for (const [newPassword, message] of [
      ["short", "パスワードは12文字以上にしてください"],
      ["password1234", "よく使われている"],
      ["123456789012", "よく使われている"],
      [`${u.email.split("@")[0]} forever`, "メールアドレスや名前"],
      [pw, "同じ"],
    ] as const) {
      res = await change({ currentPassword: pw, newPassword });
      expect(res.status, newPassword).toBe(422);
      expect((await errorOf(res)).fields?.newPassword?.[0]).toContain(message);
    }
    expect(await charges(elsewhere)).toBe(200); // nothing changed by the refusals

    res = await change({ currentPassword: pw, newPassword: "a brand new passphrase" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ changed: true, otherSessionsEnded: 1 });
    expect(await charges(here)).toBe(200);
    expect(await charges(elsewhere)).toBe(401);
    expect(await new Browser(server.url).signIn(u.email, pw)).toBe(false);
    expect(await new Browser(server.url).signIn(u.email, "a brand new passphrase")).toBe(true);
    const db = await getDb();
    expect(await db.auditLog.count({ where: { actorId: u.id, action: "auth.password_changed" } })).toBe(1);
  });
});

describe("admin actions on a user (S2, S5)", () => {
  it("creating a user applies the password policy", async () => {
    const a = await signedIn(admin.email, ADMIN_PASSWORD);
    const email = `new-${randomBytes(3).toString("hex")}@example.jp`;
    let res = await a.fetch("/api/users", { json: { name: "New One", email, password: "password1234", role: "staff" } });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).fields?.password?.[0]).toContain("よく使われている");
    res = await a.fetch("/api/users", { json: { name: "New One", email, password: "x".repeat(11), role: "staff" } });
    expect(res.status).toBe(422);
    res = await a.fetch("/api/users", { json: { name: "New One", email, password: "ab cd ef gh ".repeat(11).slice(0, 128), role: "staff" } });
    expect(res.status).toBe(201);
  });

  it("a role change and disabling need the admin's password and end the user's sessions", async () => {
    const a = await signedIn(admin.email, ADMIN_PASSWORD);
    const pw = "staff pass number five";
    const u = await makeUser("staff", pw);
    const victim = await signedIn(u.email, pw);
    let res = await a.fetch(`/api/users/${u.id}`, { method: "PATCH", json: { role: "viewer" } });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("reauth_required");
    res = await a.fetch(`/api/users/${u.id}`, { method: "PATCH", json: { role: "viewer", currentPassword: "nope nope nope" } });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("reauth_failed");
    expect(await charges(victim)).toBe(200); // refused: nothing changed

    res = await a.fetch(`/api/users/${u.id}`, { method: "PATCH", json: { role: "viewer", currentPassword: ADMIN_PASSWORD } });
    expect(res.status).toBe(200);
    expect(await charges(victim)).toBe(401);

    const again = await signedIn(u.email, pw);
    res = await a.fetch(`/api/users/${u.id}`, { method: "PATCH", json: { disabled: true, currentPassword: ADMIN_PASSWORD } });
    expect(res.status).toBe(200);
    expect(await charges(again)).toBe(401);
    // Enabling again needs no password.
    expect((await a.fetch(`/api/users/${u.id}`, { method: "PATCH", json: { disabled: false } })).status).toBe(200);
    const db = await getDb();
    expect((await db.authSession.findMany({ where: { userId: u.id } })).map((r) => r.revokedReason).sort()).toEqual(["disabled", "role_changed"]);
  });

  it("a reset gives a temporary password once; it signs in only to change itself, then stops working", async () => {
    const a = await signedIn(admin.email, ADMIN_PASSWORD);
    const pw = "staff pass number seven";
    const u = await makeUser("staff", pw);
    const before = await signedIn(u.email, pw);
    let res = await a.fetch(`/api/users/${u.id}/password-reset`, { json: { confirm: true } });
    expect(res.status).toBe(422);
    expect(Object.keys((await errorOf(res)).fields ?? {})).toEqual(["reason"]);
    res = await a.fetch(`/api/users/${admin.id}/password-reset`, { json: { confirm: true, reason: "self" } });
    expect(res.status).toBe(403);
    res = await a.fetch(`/api/users/${u.id}/password-reset`, { json: { confirm: true, reason: "forgot it on the phone" } });
    expect(res.status).toBe(200);
    const { temporaryPassword } = (await res.json()) as { temporaryPassword: string };
    expect([...temporaryPassword].length).toBeGreaterThanOrEqual(12);
    expect(await charges(before)).toBe(401);
    expect(await new Browser(server.url).signIn(u.email, pw)).toBe(false);

    const temp = new Browser(server.url);
    expect(await temp.signIn(u.email, temporaryPassword)).toBe(true);
    res = await temp.fetch("/api/charges");
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("password_change_required");
    expect((await temp.fetch("/api/account/password", { json: { currentPassword: temporaryPassword, newPassword: "my own new passphrase" } })).status).toBe(200);
    expect(await charges(temp)).toBe(200);
    expect(await new Browser(server.url).signIn(u.email, temporaryPassword)).toBe(false);
    const db = await getDb();
    const reset = await db.auditLog.findFirstOrThrow({ where: { action: "user.password_reset", targetId: u.id } });
    expect([reset.actorId, reset.reason]).toEqual([admin.id, "forgot it on the phone"]);
    expect(JSON.stringify(await db.auditLog.findMany({ where: { targetId: u.id } }))).not.toContain(temporaryPassword);
  });
});
