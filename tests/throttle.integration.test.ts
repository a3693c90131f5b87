import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { getDb, getPgPool } from "@/lib/db";
import { getAuthOptions } from "@/lib/auth/options";
import { hashPassword, passwordVerifications } from "@/lib/auth/password";
import { signInGate } from "@/lib/auth/sign-in-gate";
import { SIGN_IN_POLICY, createThrottle, delayAfter, storeFactory, checkLimit, consumeLimit, resetLimit } from "@/lib/auth/throttle";
import { throttledRetryAfter } from "@/lib/auth/types";

// S3: sign-in throttling on the real store of this run's database (RateLimiterPostgres on the
// app's pool with TEST_DATABASE_URL, memory on PGlite), with the clock injected by faking Date
// (rate-limiter-flexible reads Date.now() in both stores). Each attempt goes the way a browser's
// does: the route's gate first (app/api/auth/[...nextauth]/route.ts → signInGate: 429 +
// Retry-After, no hash), then next-auth's credentials `authorize` — the real one from the
// app's options, called as next-auth calls it (with the request's headers).

const START = new Date("2026-12-01T03:00:00.000Z");
const PASSWORD = "correct horse battery staple";

type Outcome = { status: 200 | 401 | 429; retryAfter: number | null; hashed: number };

async function attempt(email: string, password: string, ip: string): Promise<Outcome> {
  const before = passwordVerifications();
  const body = new URLSearchParams({ email, password, csrfToken: "x", json: "true" });
  const req = new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-kd-remote-addr": ip, "user-agent": "throttle-test" },
    body,
  });
  const refused = await signInGate(req);
  if (refused) {
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    const json = (await refused.json()) as { url: string; error: { code: string } };
    expect(json.error.code).toBe("throttled");
    expect(throttledRetryAfter(new URL(json.url).searchParams.get("error"))).toBe(retryAfter);
    return { status: 429, retryAfter, hashed: passwordVerifications() - before };
  }
  const provider = getAuthOptions().providers[0] as unknown as { options: { authorize: (c: unknown, r: unknown) => Promise<unknown> } };
  try {
    const user = await provider.options.authorize({ email, password }, { headers: Object.fromEntries(req.headers), body: {}, query: {}, method: "POST" });
    return { status: user ? 200 : 401, retryAfter: null, hashed: passwordVerifications() - before };
  } catch (err) {
    // A race past the gate: authorize refuses it, still before any hash.
    const retryAfter = throttledRetryAfter((err as Error).message);
    if (retryAfter === null) throw err;
    return { status: 429, retryAfter, hashed: passwordVerifications() - before };
  }
}

async function makeAccount() {
  const db = await getDb();
  const email = `throttle-${randomBytes(4).toString("hex")}@example.jp`;
  await db.user.create({ data: { email, name: "Throttle", passwordHash: await hashPassword(PASSWORD), role: "staff" } });
  return email;
}
const freshIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

beforeAll(() => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined); // one "[auth] sign-in throttled" line per refusal
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START);
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterEach(() => vi.setSystemTime(START));

describe("sign-in throttling (S3)", () => {
  it("150 wrong passwords: at most 100 reach the hash, the rest get 429 with Retry-After and run no hash; all are in the audit log", async () => {
    const email = await makeAccount();
    const ip = freshIp();
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 150; i++) {
      outcomes.push(await attempt(email, `wrong-password-${i}`, ip));
      vi.advanceTimersByTime(20_000); // 150 × 20 s: all within the hour
    }
    const hashed = outcomes.filter((o) => o.status === 401);
    const throttled = outcomes.filter((o) => o.status === 429);
    expect(hashed.length + throttled.length).toBe(150);
    expect(hashed.length).toBeLessThanOrEqual(100);
    expect(hashed.length).toBeGreaterThanOrEqual(SIGN_IN_POLICY.consecutiveBeforeDelay);
    for (const o of hashed) expect(o.hashed).toBe(1);
    for (const o of throttled) expect(o.hashed).toBe(0);
    // The first five go through at once; the sixth waits the first delay.
    expect(outcomes.slice(0, 5).map((o) => o.status)).toEqual([401, 401, 401, 401, 401]);
    const db = await getDb();
    expect(await db.auditLog.count({ where: { actorEmail: email, action: "auth.sign_in_failed" } })).toBe(hashed.length);
    expect(await db.auditLog.count({ where: { actorEmail: email, action: "auth.sign_in_throttled" } })).toBe(throttled.length);
    const row = await db.auditLog.findFirstOrThrow({ where: { actorEmail: email, action: "auth.sign_in_failed" } });
    expect(row).toMatchObject({ ip, userAgent: "throttle-test", reason: "invalid_credentials" });
  });

  it("the right password is refused without a hash while the delay runs, and works once it is over", async () => {
    const email = await makeAccount();
    const ip = freshIp();
    for (let i = 0; i < 7; i++) {
      expect((await attempt(email, "nope-nope-nope", ip)).status).toBe(401);
      vi.advanceTimersByTime(60_000);
    }
    // 7 in a row: the next waits delayAfter(7) = 4 s after the 7th failure.
    vi.setSystemTime(Date.now() - 60_000);
    expect(delayAfter(7)).toBe(4);
    const during = await attempt(email, PASSWORD, ip);
    expect(during).toMatchObject({ status: 429, hashed: 0 });
    expect(during.retryAfter).toBeLessThanOrEqual(4);
    vi.advanceTimersByTime(4_001);
    expect(await attempt(email, PASSWORD, ip)).toMatchObject({ status: 200, hashed: 1 });
    // A success ends the run: a next wrong password is hashed at once, with no delay after it.
    expect(await attempt(email, "nope-nope-nope", ip)).toMatchObject({ status: 401, hashed: 1 });
    expect(await attempt(email, PASSWORD, ip)).toMatchObject({ status: 200, hashed: 1 });
    const db = await getDb();
    expect(await db.auditLog.count({ where: { actorEmail: email, action: "auth.sign_in" } })).toBe(2);
  });

  it("the delay doubles from 1 s up to 15 minutes", () => {
    expect([4, 5, 6, 7, 8, 14, 15, 30, 1000].map((n) => delayAfter(n))).toEqual([0, 1, 2, 4, 8, 512, 900, 900, 900]);
  });
});

describe("the throttle's ceilings on this database's store", () => {
  const noDelay = { ...SIGN_IN_POLICY, consecutiveBeforeDelay: Number.MAX_SAFE_INTEGER };

  it("with the delay out of the way, exactly 100 of 150 attempts in an hour reach the hash, even sent all at once", async () => {
    const t = createThrottle(await storeFactory(), noDelay);
    const email = `ceiling-${randomBytes(4).toString("hex")}@example.jp`;
    const verdicts = await Promise.all(Array.from({ length: 150 }, () => t.reserveSignInAttempt({ email, ip: null })));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(100);
    const refused = verdicts.find((v) => !v.allowed);
    expect(refused).toMatchObject({ allowed: false, reason: "account_hourly" });
    // On PostgreSQL the counters are rows every instance sees (the rate_limits table).
    if (await getPgPool()) expect(await (await getDb()).rateLimit.count({ where: { key: { startsWith: "si_acct:" } } })).toBeGreaterThan(0);
    vi.advanceTimersByTime(3_600_001);
    expect(await t.reserveSignInAttempt({ email, ip: null })).toEqual({ allowed: true });
  });

  it("limits one address across accounts, above the per-account limit", async () => {
    const t = createThrottle(await storeFactory(), { ...noDelay, ipAttemptsPerHour: 10 });
    const ip = `192.0.2.${Math.floor(Math.random() * 250) + 1}-${randomBytes(2).toString("hex")}`;
    for (let i = 0; i < 10; i++) expect(await t.reserveSignInAttempt({ email: `ip-${i}-${ip}@example.jp`, ip })).toEqual({ allowed: true });
    expect(await t.reserveSignInAttempt({ email: `ip-x-${ip}@example.jp`, ip })).toMatchObject({ allowed: false, reason: "ip_hourly" });
    expect(SIGN_IN_POLICY.ipAttemptsPerHour).toBeGreaterThan(SIGN_IN_POLICY.accountAttemptsPerHour);
  });

  it("consumeLimit('totp'): 5 wrong codes in 15 minutes, then a wait; a reset forgets them", async () => {
    const key = `user-${randomBytes(4).toString("hex")}`;
    for (let i = 1; i <= 4; i++) expect(await consumeLimit("totp", key)).toEqual({ allowed: true });
    const fifth = await consumeLimit("totp", key);
    expect(fifth).toMatchObject({ allowed: false, reason: "limit" });
    expect(await checkLimit("totp", key)).toMatchObject({ allowed: false });
    vi.advanceTimersByTime(15 * 60 * 1000 + 1);
    expect(await checkLimit("totp", key)).toEqual({ allowed: true });
    await consumeLimit("totp", key);
    await resetLimit("totp", key);
    expect(await checkLimit("totp", key)).toEqual({ allowed: true });
  });
});

describe("re-entering one's own password (2FA enrolment, re-authentication)", () => {
  it("5 wrong in 15 minutes, then 429 without a hash, even for the right one; the right one before that resets the count", async () => {
    const { assertPassword, assertReauth } = await import("@/lib/auth/reauth");
    const db = await getDb();
    const u = await db.user.create({ data: { email: `reauth-${randomBytes(4).toString("hex")}@example.jp`, name: "再認証", passwordHash: await hashPassword(PASSWORD), role: "staff" } });
    const outcome = async (fn: () => Promise<void>) => {
      const before = passwordVerifications();
      const code = await fn().then(
        () => "ok",
        (err: { code?: string }) => err.code ?? "error",
      );
      return { code, hashed: passwordVerifications() - before };
    };
    expect(await outcome(() => assertPassword(u.id, { password: "wrong-1" }))).toEqual({ code: "unprocessable", hashed: 1 });
    expect(await outcome(() => assertPassword(u.id, { password: PASSWORD }))).toEqual({ code: "ok", hashed: 1 });
    for (let i = 0; i < 5; i++) expect((await outcome(() => assertReauth(u.id, `wrong-${i}`))).code).toBe("reauth_failed");
    expect(await outcome(() => assertReauth(u.id, PASSWORD))).toEqual({ code: "rate_limited", hashed: 0 });
    expect(await outcome(() => assertPassword(u.id, { password: PASSWORD }))).toEqual({ code: "rate_limited", hashed: 0 });
    await resetLimit("enrol", u.id);
  });
});
