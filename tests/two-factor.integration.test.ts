import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generate } from "otplib";
import { getDb } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/types";
import { LIMITS } from "@/lib/auth/throttle";
import { startApiServer } from "./api-server";
import { NextRequest } from "next/server";
import { Browser, authRoute, inRequestScope, runInRequestScope } from "./next-auth-http";

// Two-factor sign-in over HTTP with REQUIRE_2FA on: the enrolment contract, sign-in through
// next-auth's credentials callback with a real otplib code, replays, the wrong-code limit, the
// gate for users without a second factor, and the admin reset.
process.env.REQUIRE_2FA = "true";
vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), ...(await import("./next-auth-http")).nextAuthMock }));

let api: Awaited<ReturnType<typeof startApiServer>>;
const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  const { getAuthOptions } = await import("@/lib/auth/options");
  api = await startApiServer([
    authRoute(getAuthOptions),
    inRequestScope(/^\/api\/charges$/, await import("@/app/api/charges/route")),
    inRequestScope(/^\/api\/account\/2fa$/, await import("@/app/api/account/2fa/route")),
    inRequestScope(/^\/api\/account\/2fa\/confirm$/, await import("@/app/api/account/2fa/confirm/route")),
    inRequestScope(/^\/api\/account\/2fa\/recovery-codes$/, await import("@/app/api/account/2fa/recovery-codes/route")),
    inRequestScope(/^\/api\/account\/2fa\/disable$/, await import("@/app/api/account/2fa/disable/route")),
    inRequestScope(/^\/api\/users\/(?<id>[^/]+)\/2fa\/reset$/, await import("@/app/api/users/[id]/2fa/reset/route")),
    inRequestScope(/^\/api\/passkeys\/challenge$/, await import("@/app/api/passkeys/challenge/route")),
  ]);
});
afterAll(async () => api?.close());

async function newUser(role: Role = "staff") {
  const db = await getDb();
  const email = `twofa-${randomBytes(4).toString("hex")}@example.jp`;
  const u = await db.user.create({ data: { email, name: "二段階 テスト", passwordHash: await hashPassword(PASSWORD), role } });
  return { id: u.id, email };
}

/** A code for `offsetSteps` steps from now (±1 is inside the window). */
const codeFor = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

async function signedIn(email: string, extra: Record<string, string> = {}) {
  const b = new Browser(api.url);
  expect(await b.signIn({ email, password: PASSWORD, ...extra })).toBeNull();
  expect(b.hasSession()).toBe(true);
  return b;
}

/** Enrols TOTP through the API as `b`'s user: the secret and the recovery codes. */
async function enrol(b: Browser) {
  const start = await b.fetch("/api/account/2fa", { json: { password: PASSWORD } });
  expect(start.status).toBe(200);
  const { secret, otpauthUri } = (await start.json()) as { secret: string; otpauthUri: string };
  const usedCode = await codeFor(secret);
  const confirm = await b.fetch("/api/account/2fa/confirm", { json: { code: usedCode } });
  expect(confirm.status).toBe(200);
  const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
  return { secret, otpauthUri, recoveryCodes, usedCode };
}

describe("enrolment contract", () => {
  it("a user without a second factor gets 403 2fa_required elsewhere but can enrol; then the API opens", async () => {
    const user = await newUser();
    const b = await signedIn(user.email); // no second factor yet: the password signs in
    const blocked = await b.fetch("/api/charges");
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe("2fa_required");
    const status = await b.fetch("/api/account/2fa");
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ required: true, totpEnabled: false, recoveryCodesLeft: 0, passkeys: [] });

    const wrongPassword = await b.fetch("/api/account/2fa", { json: { password: "not the password" } });
    expect(wrongPassword.status).toBe(422);
    const wrongBody = (await wrongPassword.json()) as { error: { fields: Record<string, string[]> } };
    expect(wrongBody.error.fields.password?.[0]).toMatch(/パスワード/);

    const start = await b.fetch("/api/account/2fa", { json: { password: PASSWORD } });
    expect(start.status).toBe(200);
    const { secret, otpauthUri } = (await start.json()) as { secret: string; otpauthUri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(new URL(otpauthUri).searchParams.get("secret")).toBe(secret);
    // Pending only: still blocked, and the stored secret is encrypted.
    expect((await b.fetch("/api/charges")).status).toBe(403);
    const db = await getDb();
    const pending = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(pending.totpEnabledAt).toBeNull();
    expect(pending.totpPendingSecret).toMatch(/^v1\./);
    expect(pending.totpPendingSecret).not.toContain(secret);

    const wrong = await b.fetch("/api/account/2fa/confirm", { json: { code: "000000" === (await codeFor(secret)) ? "111111" : "000000" } });
    expect(wrong.status).toBe(422);

    const confirm = await b.fetch("/api/account/2fa/confirm", { json: { code: await codeFor(secret) } });
    expect(confirm.status).toBe(200);
    const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(recoveryCodes.some((c) => row.codeHash.includes(c.replace(/-/g, "")))).toBe(false);
    const enabled = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(enabled.totpEnabledAt).not.toBeNull();
    expect(enabled.totpSecret).not.toContain(secret);
    expect(await db.auditLog.count({ where: { action: "auth.2fa_enrolled", targetId: user.id } })).toBe(1);

    expect((await b.fetch("/api/charges")).status).toBe(200);
    // A second confirm has nothing pending.
    expect((await b.fetch("/api/account/2fa/confirm", { json: { code: await codeFor(secret, 1) } })).status).toBe(409);
  });

  it("pages send a user without a second factor to /account/security, except that page itself", async () => {
    const { requirePageUser } = await import("@/lib/auth/session");
    const user = await newUser();
    const b = await signedIn(user.email);
    const req = new NextRequest(`${api.url}/charges`, { headers: { cookie: b.cookieHeader() } });
    const digest = await runInRequestScope(req, () => requirePageUser("/charges")).then(
      () => "no redirect",
      (e: { digest?: string }) => e.digest ?? String(e),
    );
    expect(digest).toContain("/account/security");
    const own = await runInRequestScope(req, () => requirePageUser("/account/security", { allowWithout2fa: true }));
    expect(own.email).toBe(user.email);
    // Once enrolled, pages open.
    await enrol(b);
    expect((await runInRequestScope(req, () => requirePageUser("/charges"))).email).toBe(user.email);
  });

  it("answers 401 without a session", async () => {
    const b = new Browser(api.url);
    expect((await b.fetch("/api/account/2fa", { json: { password: PASSWORD } })).status).toBe(401);
  });
});

describe("sign-in with a second factor", () => {
  it("asks for a code only after the right password, refuses wrong and replayed codes, accepts a fresh one", async () => {
    const user = await newUser();
    const { secret, usedCode } = await enrol(await signedIn(user.email));

    const b = new Browser(api.url);
    expect(await b.signIn({ email: user.email, password: "wrong password!" })).toBe("CredentialsSignin");
    expect(await b.signIn({ email: user.email, password: PASSWORD })).toBe("code_required");
    expect(b.hasSession()).toBe(false);
    expect(await b.signIn({ email: user.email, password: PASSWORD, code: "12345x" })).toBe("code_invalid");
    // The code the enrolment was confirmed with, again: a replay (its step is used up).
    expect(await b.signIn({ email: user.email, password: PASSWORD, code: usedCode })).toBe("code_invalid");
    expect(b.hasSession()).toBe(false);
    // The next step's code is new and inside the ±1 window.
    const next = await codeFor(secret, 1);
    expect(await b.signIn({ email: user.email, password: PASSWORD, code: next })).toBeNull();
    expect(b.hasSession()).toBe(true);
    expect((await b.fetch("/api/charges")).status).toBe(200);
    // The same code in another browser: refused.
    expect(await new Browser(api.url).signIn({ email: user.email, password: PASSWORD, code: next })).toBe("code_invalid");
  });

  it("takes each recovery code once, and audits its use", async () => {
    const user = await newUser();
    const { recoveryCodes } = await enrol(await signedIn(user.email));
    const code = recoveryCodes[3]!;
    expect(await new Browser(api.url).signIn({ email: user.email, password: PASSWORD, code: code.toLowerCase() })).toBeNull();
    expect(await new Browser(api.url).signIn({ email: user.email, password: PASSWORD, code })).toBe("code_invalid");
    const db = await getDb();
    expect(await db.auditLog.count({ where: { action: "auth.2fa_recovery_used", targetId: user.id } })).toBe(1);
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(9);
  });

  it("regenerating recovery codes needs a code and replaces the old ones", async () => {
    const user = await newUser();
    const b = await signedIn(user.email);
    const { secret, recoveryCodes } = await enrol(b);
    expect((await b.fetch("/api/account/2fa/recovery-codes", { json: { code: "" } })).status).toBe(422);
    const res = await b.fetch("/api/account/2fa/recovery-codes", { json: { code: await codeFor(secret, 1) } });
    expect(res.status).toBe(200);
    const fresh = ((await res.json()) as { recoveryCodes: string[] }).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(await new Browser(api.url).signIn({ email: user.email, password: PASSWORD, code: recoveryCodes[0]! })).toBe("code_invalid");
    expect(await new Browser(api.url).signIn({ email: user.email, password: PASSWORD, code: fresh[0]! })).toBeNull();
  });

  it("turning TOTP off is refused while REQUIRE_2FA is on", async () => {
    const user = await newUser();
    const b = await signedIn(user.email);
    const { secret } = await enrol(b);
    const res = await b.fetch("/api/account/2fa/disable", { json: { code: await codeFor(secret, 1) } });
    expect(res.status).toBe(403);
  });
});

describe("at most 5 wrong codes per 15 minutes", () => {
  it("the 6th code at enrolment is 429 with Retry-After, even when right", async () => {
    const user = await newUser();
    const b = await signedIn(user.email);
    const { secret } = (await (await b.fetch("/api/account/2fa", { json: { password: PASSWORD } })).json()) as { secret: string };
    const right = await codeFor(secret);
    const wrongCode = right === "123456" ? "654321" : "123456";
    for (let i = 0; i < 5; i++) expect((await b.fetch("/api/account/2fa/confirm", { json: { code: wrongCode } })).status).toBe(422);
    const limited = await b.fetch("/api/account/2fa/confirm", { json: { code: right } });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();
  });

  it("at sign-in, 5 wrong codes lock out the right one too (code_throttled)", async () => {
    const user = await newUser();
    const { secret } = await enrol(await signedIn(user.email));
    const b = new Browser(api.url);
    for (let i = 0; i < 5; i++) expect(await b.signIn({ email: user.email, password: PASSWORD, code: "999999x" })).toBe("code_invalid");
    expect(await b.signIn({ email: user.email, password: PASSWORD, code: await codeFor(secret, 1) })).toBe("code_throttled");
    expect(b.hasSession()).toBe(false);
  });
});

describe("admin reset", () => {
  it("removes TOTP, recovery codes and passkeys, ends the user's sessions, and is audited with the reason", async () => {
    const admin = await newUser("admin");
    const adminBrowser = await signedIn(admin.email);
    await enrol(adminBrowser);
    const user = await newUser();
    const userBrowser = await signedIn(user.email);
    const { secret } = await enrol(userBrowser);
    const db = await getDb();
    await db.passkeyCredential.create({ data: { userId: user.id, credentialId: `cred-${user.id}`, publicKey: "AQID", name: "PC", transports: ["internal"] } });
    expect((await userBrowser.fetch("/api/charges")).status).toBe(200);

    // Staff may not; a reason is required.
    expect((await userBrowser.fetch(`/api/users/${admin.id}/2fa/reset`, { json: { reason: "x" } })).status).toBe(403);
    const noReason = await adminBrowser.fetch(`/api/users/${user.id}/2fa/reset`, { json: { reason: " " } });
    expect(noReason.status).toBe(422);
    expect((await adminBrowser.fetch(`/api/users/nobody/2fa/reset`, { json: { reason: "lost phone" } })).status).toBe(404);

    const reset = await adminBrowser.fetch(`/api/users/${user.id}/2fa/reset`, { json: { reason: "スマートフォンを紛失" } });
    expect(reset.status).toBe(204);
    expect((await userBrowser.fetch("/api/charges")).status).toBe(401);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.passkeyCredential.count({ where: { userId: user.id } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "user.2fa_reset", targetId: user.id } });
    expect(audit).toMatchObject({ actorId: admin.id, reason: "スマートフォンを紛失" });

    // They sign in with the password again and must enrol (the old code no longer matters).
    const again = await signedIn(user.email, { code: await codeFor(secret, 1) });
    const blocked = await again.fetch("/api/charges");
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe("2fa_required");
  });
});

describe("passkey sign-in challenge", () => {
  it("is open to visitors who are not signed in, same-origin only, and names no credentials", async () => {
    const res = await new Browser(api.url).fetch("/api/passkeys/challenge", { json: {} });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { challengeId: string; options: { challenge: string; rpId: string; allowCredentials?: unknown[] } };
    expect(body.challengeId).toBeTruthy();
    expect(body.options.challenge.length).toBeGreaterThan(20);
    expect(body.options.allowCredentials ?? []).toEqual([]);
    const cross = await fetch(`${api.url}/api/passkeys/challenge`, { method: "POST", headers: { Origin: "https://evil.example" } });
    expect(cross.status).toBe(403);
  });

  it("gives one client address a limited number a minute, then answers 429 with Retry-After in the visitor's language and stores nothing", async () => {
    const ip = `198.51.100.${1 + (randomBytes(1)[0] ?? 0) % 250}`;
    const ask = (lang: string, from = ip) =>
      fetch(`${api.url}/api/passkeys/challenge`, { method: "POST", headers: { Origin: api.url, "x-kd-remote-addr": from, "accept-language": lang } });
    for (let i = 0; i < LIMITS.passkeyChallenge.points; i++) expect((await ask("ja")).status, `challenge ${i + 1}`).toBe(200);
    const db = await getDb();
    const stored = await db.webAuthnChallenge.count();
    const ja = await ask("ja");
    expect(ja.status).toBe(429);
    expect(Number(ja.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await ja.json()) as { error: { message: string } }).error.message).toMatch(/パスキー.*秒後にもう一度お試しください/);
    const en = await ask("en");
    expect(en.status).toBe(429);
    expect(((await en.json()) as { error: { message: string } }).error.message).toMatch(/^More than \d+ passkey sign-ins .* Try again in \d+ seconds?\.$/);
    expect(await db.webAuthnChallenge.count()).toBe(stored);
    // Another address is not held back.
    expect((await ask("ja", `${ip}0`)).status).toBe(200);
  });
});
