import http from "node:http";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { getDb } from "@/lib/db";
import { env, parseEnv, type Env } from "@/lib/env";
import { publishProcessValue } from "@/lib/process-state";
import { keyTranslator } from "@/lib/i18n/translate-key";
import { ROLES, type Role } from "@/lib/auth/types";
import { revokeSessionOnSignOut } from "@/lib/auth/sessions";
import { makeUser, startLeanListener, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";
import { inRequestScope } from "./next-auth-http";
import { leanRouteFor } from "../lean-dispatch.mjs";

// The hot read APIs on the lean listener (lib/http/lean-reads.ts, what server.mjs serves for
// GET /api/charges, /api/charges/counts and /api/overview) against the Next route handlers of the
// same paths, over real HTTP with real next-auth JWT cookies: the session token is decoded by
// next-auth on both sides (getServerSession for the routes, next-auth/jwt decode on the lean
// path), then checked against the AuthSession row. For every caller and state — anonymous,
// viewer, staff, admin, no second factor under REQUIRE_2FA, a reset password, a revoked,
// signed-out, idle, expired or disabled session, a forged token, the wrong cookie name — the two
// must give the same status, body (in the caller's language) and caching headers.
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<typeof import("next-auth")>()), ...(await import("./next-auth-http")).nextAuthMock }));

type Answer = { status: number; body: unknown; headers: Headers };
let lean: { url: string; close: () => Promise<void> };
let nextApi: Awaited<ReturnType<typeof startApiServer>>;
const users = {} as Record<Role, TestUser>;
const tag = `lean-${randomBytes(3).toString("hex")}`;

beforeAll(async () => {
  nextApi = await startApiServer([
    inRequestScope(/^\/api\/charges$/, await import("@/app/api/charges/route")),
    inRequestScope(/^\/api\/charges\/counts$/, await import("@/app/api/charges/counts/route")),
    inRequestScope(/^\/api\/overview$/, await import("@/app/api/overview/route")),
  ]);
  // server.mjs's dispatch: a lean route by "METHOD path" or path, else on to Next (here: the route modules).
  lean = await startLeanListener((req, res) => {
    const fwd = http.request(`${nextApi.url}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(fwd);
  });
  for (const role of ROLES) users[role] = await makeUser(role);
  // A few charges only this file's search finds: three pending, one paid, one without a deadline.
  const db = await getDb();
  for (let i = 0; i < 5; i++) {
    await db.charge.create({
      data: {
        id: `chrg_test_${tag}_${i}`,
        reference: `kd_${tag}_${i}`,
        status: i === 3 ? "successful" : "pending",
        amount: 1000 + i,
        currency: "JPY",
        customerName: `リーン ${tag}`,
        customerEmail: `${tag}-${i}@example.jp`,
        customerPhone: `0800000000${i}`,
        description: `${tag} #${i}`,
        createdById: users.staff.id,
        createdAt: new Date(Date.now() - i * 60_000),
        expiresAt: i === 4 ? null : new Date(Date.now() + (i + 1) * 3_600_000),
        paidAt: i === 3 ? new Date() : null,
      },
    });
  }
});
afterAll(async () => {
  await lean?.close();
  await nextApi?.close();
  // Left pending, they would be ghosts to the reconcile test (Omise has never heard of them).
  await (await getDb()).charge.deleteMany({ where: { id: { startsWith: `chrg_test_${tag}_` } } });
});

async function cookieOf(u: TestUser, opts: { name?: string; sv?: number; sid?: string } = {}): Promise<string> {
  const token = await encode({ token: { sub: u.id, name: u.name, email: u.email, role: u.role, sv: opts.sv ?? 0, sid: opts.sid ?? u.sid }, secret: env().NEXTAUTH_SECRET });
  return `${opts.name ?? "next-auth.session-token"}=${token}`;
}

async function read(base: string, path: string, headers: Record<string, string>, method = "GET"): Promise<Answer> {
  const res = await fetch(base + path, { method, headers, redirect: "manual" });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** The same request to the lean listener and to the Next route; both answers, checked equal. */
async function both(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const a = await read(lean.url, path, headers);
  const b = await read(nextApi.url, path, headers);
  expect(a.headers.get("x-served-by"), `${path}: the lean listener answered`).toBe("konbini-desk-lean");
  expect([a.status, a.body], `${path}: lean vs Next`).toEqual([b.status, b.body]);
  for (const h of ["cache-control", "etag", "content-type", "retry-after"]) expect(a.headers.get(h), `${path}: ${h}`).toBe(b.headers.get(h));
  return a;
}

const PATHS = ["/api/charges", "/api/charges/counts", "/api/overview"] as const;
const errorOf = (a: Answer) => (a.body as { error?: { code?: string; message?: string } } | null)?.error;

async function withEnv<T>(patch: Partial<Record<keyof Env, string>>, fn: () => Promise<T>): Promise<T> {
  const saved = env();
  publishProcessValue("env", parseEnv({ ...process.env, ...patch }));
  publishProcessValue("authOptions", undefined); // rebuilt from this environment (cookie names)
  try {
    return await fn();
  } finally {
    publishProcessValue("env", saved);
    publishProcessValue("authOptions", undefined);
  }
}

describe("the lean read APIs: the role matrix over HTTP", () => {
  it("anonymous 401 with the message in the caller's language; viewer, staff and admin 200; no-store throughout", async () => {
    for (const path of PATHS) {
      for (const [headers, locale] of [[{ "Accept-Language": "en-US,en;q=0.9" }, "en"], [{ Cookie: "kd_locale=ja" }, "ja"]] as const) {
        const a = await both(path, headers);
        expect(a.status, path).toBe(401);
        expect(errorOf(a)).toEqual({ code: "unauthorized", message: keyTranslator(locale)("err.unauthorized") });
        expect(a.headers.get("cache-control")).toBe("no-store");
      }
      for (const role of ROLES) {
        const a = await both(path, { Cookie: await cookieOf(users[role]) });
        expect(a.status, `${path} as ${role}`).toBe(200);
        expect(a.headers.get("cache-control")).toBe("no-store");
        expect(a.headers.get("content-type")).toBe("application/json");
      }
    }
  });

  it("the security headers of next.config.js are on every lean answer", async () => {
    const { API_SECURITY_HEADERS } = await import("@/lib/http/lean-reads");
    const config = (await import("../next.config.js")) as { default?: { headers(): Promise<{ source: string; headers: { key: string; value: string }[] }[]> } };
    const rules = await (config.default ?? (config as never as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> })).headers();
    const all = rules.find((r) => r.source === "/:path*");
    expect(Object.fromEntries((all?.headers ?? []).map((h) => [h.key, h.value]))).toEqual(API_SECURITY_HEADERS);
    for (const path of PATHS) {
      for (const cookie of ["", await cookieOf(users.viewer)]) {
        const res = await fetch(lean.url + path, { headers: { Cookie: cookie } });
        for (const [k, v] of Object.entries(API_SECURITY_HEADERS)) expect(res.headers.get(k), `${path} ${k}`).toBe(v);
      }
    }
  });

  it("REQUIRE_2FA: 403 2fa_required for every role without a second factor; TOTP or a passkey lets them through", async () => {
    await withEnv({ REQUIRE_2FA: "true" }, async () => {
      for (const path of PATHS) {
        for (const role of ROLES) {
          const a = await both(path, { Cookie: await cookieOf(users[role]), "Accept-Language": "en" });
          expect([a.status, errorOf(a)?.code], `${path} as ${role}`).toEqual([403, "2fa_required"]);
          expect(errorOf(a)?.message).toBe(keyTranslator("en")("err.2fa_required"));
        }
      }
      const db = await getDb();
      const totp = await makeUser("viewer");
      await db.user.update({ where: { id: totp.id }, data: { totpEnabledAt: new Date() } });
      const passkey = await makeUser("staff");
      await db.passkeyCredential.create({ data: { userId: passkey.id, credentialId: `cred-${tag}`, publicKey: "x", name: "key" } });
      for (const path of PATHS) {
        expect((await both(path, { Cookie: await cookieOf(totp) })).status, `${path} with TOTP`).toBe(200);
        expect((await both(path, { Cookie: await cookieOf(passkey) })).status, `${path} with a passkey`).toBe(200);
      }
    });
  });

  it("a reset password: 403 password_change_required until it is changed", async () => {
    const u = await makeUser("staff");
    const db = await getDb();
    await db.user.update({ where: { id: u.id }, data: { mustChangePassword: true } });
    for (const path of PATHS) {
      const a = await both(path, { Cookie: await cookieOf(u) });
      expect([a.status, errorOf(a)?.code], path).toEqual([403, "password_change_required"]);
    }
  });

  it("an ended session is refused on its very next request: revoked, signed out, idle, past its absolute limit, user disabled or sessionVersion moved on", async () => {
    const db = await getDb();
    const cases: [string, (u: TestUser) => Promise<unknown>][] = [
      ["revoked", (u) => db.authSession.update({ where: { id: u.sid }, data: { revokedAt: new Date(), revokedReason: "revoked" } })],
      ["signed out", (u) => revokeSessionOnSignOut(u.sid)],
      ["idle 15 minutes", (u) => db.authSession.update({ where: { id: u.sid }, data: { lastSeenAt: new Date(Date.now() - 15 * 60_000 - 1000) } })],
      ["past its absolute limit", (u) => db.authSession.update({ where: { id: u.sid }, data: { expiresAt: new Date(Date.now() - 1) } })],
      ["user disabled", (u) => db.user.update({ where: { id: u.id }, data: { disabled: true } })],
      ["sessionVersion moved on", (u) => db.user.update({ where: { id: u.id }, data: { sessionVersion: { increment: 1 } } })],
    ];
    for (const [why, end] of cases) {
      const u = await makeUser("admin");
      const cookie = await cookieOf(u);
      // Polled first, so any per-process memory of this session would be warm.
      for (let i = 0; i < 3; i++) expect((await both("/api/charges?limit=1", { Cookie: cookie })).status, `${why}: before`).toBe(200);
      await end(u);
      for (const path of PATHS) expect((await both(path, { Cookie: cookie })).status, `${why}: ${path}`).toBe(401);
    }
  });

  it("a forged or misplaced token is refused: no such session, no session id, another user's session, the wrong secret or cookie name", async () => {
    const other = await makeUser("viewer");
    const forged = await encode({ token: { sub: users.admin.id, sid: "no-such-session", sv: 0 }, secret: env().NEXTAUTH_SECRET });
    const noSid = await encode({ token: { sub: users.admin.id, sv: 0 }, secret: env().NEXTAUTH_SECRET });
    const wrongSecret = await encode({ token: { sub: users.admin.id, sid: users.admin.sid, sv: 0 }, secret: "another-secret-of-at-least-32-characters!" });
    for (const cookie of [
      `next-auth.session-token=${forged}`,
      `next-auth.session-token=${noSid}`,
      `next-auth.session-token=${wrongSecret}`,
      `next-auth.session-token=not-a-jwt`,
      await cookieOf(users.admin, { sid: other.sid }), // a live session of somebody else
      await cookieOf(users.admin, { sv: 1 }),
      await cookieOf(users.admin, { name: "__Secure-next-auth.session-token" }),
      await cookieOf(users.admin, { name: "__Host-next-auth.session-token" }),
    ]) {
      expect((await both("/api/charges", { Cookie: cookie })).status, cookie.slice(0, 40)).toBe(401);
    }
  });

  it("served over https, only the __Host- cookie counts (lib/auth/cookies.ts)", async () => {
    await withEnv({ NEXTAUTH_URL: "https://desk.example.jp" }, async () => {
      expect((await both("/api/charges", { Cookie: await cookieOf(users.staff, { name: "__Host-next-auth.session-token" }) })).status).toBe(200);
      expect((await both("/api/charges", { Cookie: await cookieOf(users.staff) })).status).toBe(401);
      expect((await both("/api/charges", { Cookie: await cookieOf(users.staff, { name: "__Secure-next-auth.session-token" }) })).status).toBe(401);
    });
  });

  it("a session's lastSeenAt moves forward on a lean request (the sliding idle limit), at most once a minute", async () => {
    const u = await makeUser("viewer");
    const db = await getDb();
    const old = new Date(Date.now() - 10 * 60_000);
    await db.authSession.update({ where: { id: u.sid }, data: { lastSeenAt: old } });
    const res = await fetch(`${lean.url}/api/overview`, { headers: { Cookie: await cookieOf(u) } });
    expect(res.status).toBe(200);
    const row = await db.authSession.findUniqueOrThrow({ where: { id: u.sid } });
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(row.idleExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    await fetch(`${lean.url}/api/overview`, { headers: { Cookie: await cookieOf(u) } });
    expect((await db.authSession.findUniqueOrThrow({ where: { id: u.sid } })).lastSeenAt).toEqual(row.lastSeenAt);
  });

  it("reads ignore the Origin (only writes are origin-checked), and a POST on the lean path goes on to Next's handler and its origin check", async () => {
    const cookie = await cookieOf(users.admin);
    const same = await both("/api/charges?limit=2", { Cookie: cookie });
    const foreign = await both("/api/charges?limit=2", { Cookie: cookie, Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(foreign.status).toBe(200);
    expect(foreign.body).toEqual(same.body);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const post = await fetch(`${lean.url}/api/charges`, { method: "POST", headers: { Cookie: cookie, Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" }, body: "{}" });
    expect(post.status).toBe(403);
    expect(post.headers.get("x-served-by")).toBeNull();
    expect(((await post.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  });
});

describe("the lean read APIs answer exactly what the Next routes answer", () => {
  it("pages, filters, sorts, cursors, search, counts=1 and bad input (422 with fields in the caller's language)", async () => {
    const cookie = await cookieOf(users.viewer);
    const q = encodeURIComponent(tag);
    const first = (await both(`/api/charges?q=${q}&limit=2`, { Cookie: cookie })).body as { data: { id: string }[]; nextCursor: string };
    expect(first.data.map((c) => c.id)).toEqual([`chrg_test_${tag}_0`, `chrg_test_${tag}_1`]);
    const deadline = (await both(`/api/charges?q=${q}&sort=deadline&status=pending&limit=3`, { Cookie: cookie })).body as { data: { id: string }[]; nextCursor: string };
    expect(deadline.data.map((c) => c.id)).toEqual([`chrg_test_${tag}_0`, `chrg_test_${tag}_1`, `chrg_test_${tag}_2`]);
    const paths = [
      "/api/charges",
      "/api/charges?limit=25",
      "/api/charges?status=pending&limit=25",
      `/api/charges?q=${q}&limit=2&cursor=${first.nextCursor}`,
      `/api/charges?q=${q}&sort=deadline&status=pending&limit=3&cursor=${deadline.nextCursor}`,
      `/api/charges?q=${q}&sort=deadline&limit=4`,
      `/api/charges?q=${q}&counts=1`,
      `/api/charges?q=${q}&amountMin=1001&amountMax=1003&staff=${users.staff.id}`,
      `/api/charges?q=${q}&from=2020-01-01&deadlineFrom=2020-01-01`,
      `/api/charges?q=${encodeURIComponent(`0800000000${3}`)}`,
      `/api/charges?q=chrg_test_${tag}_3`,
      "/api/charges/counts",
      `/api/charges/counts?q=${q}`,
      "/api/overview",
    ];
    for (const path of paths) expect((await both(path, { Cookie: cookie })).status, path).toBe(200);
    for (const [path, field] of [
      ["/api/charges?limit=0", "limit"],
      ["/api/charges?status=nope", "status"],
      ["/api/charges?cursor=bm9wZQ", "cursor"],
      ["/api/charges?amountMin=5&amountMax=1", "amountMax"],
      ["/api/charges?from=2026-13-01", "from"],
      ["/api/charges/counts?status=nope", "status"],
    ] as const) {
      for (const locale of ["ja", "en"] as const) {
        const a = await both(path, { Cookie: `${cookie}; kd_locale=${locale}` });
        expect(a.status, path).toBe(422);
        const e = errorOf(a) as { code: string; message: string; fields: Record<string, string[]> };
        expect(e.code).toBe("unprocessable");
        expect(e.message).toBe(keyTranslator(locale)("err.validation"));
        expect(Object.keys(e.fields), path).toContain(field);
        expect(a.headers.get("etag")).toBeNull();
      }
    }
  });

  it("ETag polling: 304 with no body while nothing changed, 200 after a write by plain SQL", async () => {
    const cookie = await cookieOf(users.staff);
    for (const path of ["/api/charges?status=pending&counts=1", "/api/charges/counts"]) {
      const first = await both(path, { Cookie: cookie });
      const etag = first.headers.get("etag") ?? "";
      expect(etag).toMatch(/^W\/"charges-\d+"$/);
      const again = await both(path, { Cookie: cookie, "If-None-Match": etag });
      expect([again.status, again.body]).toEqual([304, null]);
      expect(again.headers.get("cache-control")).toBe("no-store");
      // A 304 is still for signed-in callers only.
      expect((await both(path, { "If-None-Match": etag })).status).toBe(401);
      const db = await getDb();
      await db.$executeRawUnsafe(`UPDATE "Charge" SET "description" = "description" || '.' WHERE "id" = 'chrg_test_${tag}_0'`);
      const changed = await both(path, { Cookie: cookie, "If-None-Match": etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
    }
  });

  it("HEAD answers like GET without a body; other methods on the read paths go on to Next", async () => {
    const cookie = await cookieOf(users.viewer);
    const head = await fetch(`${lean.url}/api/overview`, { method: "HEAD", headers: { Cookie: cookie } });
    expect([head.status, head.headers.get("x-served-by"), await head.text()]).toEqual([200, "konbini-desk-lean", ""]);
    const del = await fetch(`${lean.url}/api/overview`, { method: "DELETE", headers: { Cookie: cookie } });
    expect(del.headers.get("x-served-by")).toBeNull();
    // A trailing slash or an encoded path is not the lean route's: Next normalises or refuses it.
    expect(leanRouteFor({ "GET /api/charges": () => undefined }, "GET", "/api/charges/")).toBeUndefined();
    expect(leanRouteFor({ "GET /api/charges": () => undefined }, "GET", "/api/%63harges")).toBeUndefined();
    expect(leanRouteFor({ "GET /api/charges": () => undefined }, "POST", "/api/charges?x=1")).toBeUndefined();
  });
});
