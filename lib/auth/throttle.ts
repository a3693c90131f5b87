import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import { getPgPool } from "@/lib/db";
import { processSingleton } from "@/lib/process-state";

// Brute-force throttling (S3), on rate-limiter-flexible. On PostgreSQL (DATABASE_URL) the
// counters live in the `rate_limits` table through the app's own pool, so every instance
// shares them; on the embedded PGlite database (one process by design) they are kept in
// memory, per process, and start again at a restart (docs/security.md says so).
//
// The clock is the library's: it reads Date.now() in both stores, so tests inject time with
// vi.useFakeTimers({ toFake: ["Date"] }) / vi.setSystemTime (tests/throttle.integration.test.ts).

/** Sign-in rules, from issue 9 and ASVS 4.0.3 2.2.1. */
export const SIGN_IN_POLICY = {
  /** After this many failures in a row on one account, each next try waits… */
  consecutiveBeforeDelay: 5,
  /** …this long after the 5th, doubling with each further failure… */
  firstDelaySeconds: 1,
  /** …up to this. */
  maxDelaySeconds: 15 * 60,
  /** A success, or a day without failures, forgets the run of failures. */
  consecutiveMemorySeconds: 24 * 60 * 60,
  /** Hard ceiling: attempts per account per hour that reach the password hash. */
  accountAttemptsPerHour: 100,
  /** The same per client address, across accounts (an office shares one address: higher). */
  ipAttemptsPerHour: 300,
};
export type SignInPolicy = typeof SIGN_IN_POLICY;

/** Other things guessed at, for `consumeLimit`: wrong answers allowed per window. */
export const LIMITS = {
  totp: { points: 5, durationSeconds: 15 * 60 }, // wrong TOTP / recovery codes per user
  enrol: { points: 5, durationSeconds: 15 * 60 }, // wrong passwords re-entered per user (2FA enrolment, passkeys, re-authentication: lib/auth/reauth.ts)
  passkeyChallenge: { points: 30, durationSeconds: 60 }, // anonymous sign-in passkey challenges per client address (each one is a stored row)
} as const satisfies Record<string, { points: number; durationSeconds: number }>;
export type LimitKind = keyof typeof LIMITS;

export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; reason: "delay" | "account_hourly" | "ip_hourly" | "limit" };

type Who = { email: string; ip: string | null };

type Limiters = {
  consecutive: RateLimiterAbstract;
  delay: RateLimiterAbstract;
  accountHour: RateLimiterAbstract;
  ipHour: RateLimiterAbstract;
  kinds: Record<LimitKind, RateLimiterAbstract>;
};

type Make = (keyPrefix: string, points: number, duration: number) => RateLimiterAbstract;

function makeLimiters(make: Make, policy: SignInPolicy): Limiters {
  return {
    consecutive: make("si_run", 1_000_000, policy.consecutiveMemorySeconds),
    delay: make("si_delay", 1, 1), // only ever `block`ed
    accountHour: make("si_acct", policy.accountAttemptsPerHour, 3600),
    ipHour: make("si_ip", policy.ipAttemptsPerHour, 3600),
    kinds: Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, make(`lim_${k}`, v.points, v.durationSeconds)])) as Record<LimitKind, RateLimiterAbstract>,
  };
}

/** The store for this database: RateLimiterPostgres on the app's pool, or memory on PGlite. */
export async function storeFactory(): Promise<Make> {
  const pool = await getPgPool();
  if (!pool) return (keyPrefix, points, duration) => new RateLimiterMemory({ keyPrefix, points, duration });
  return (keyPrefix, points, duration) =>
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits", // prisma/schema.prisma RateLimit, created by a migration
      tableCreated: true,
      keyPrefix,
      points,
      duration,
      // The database failing must not open the gate: fall back to a per-process count.
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
}

/** A throttle on its own limiters; the app uses one per process (`throttle()`), tests may build others. */
export function createThrottle(make: Make, policy: SignInPolicy = SIGN_IN_POLICY) {
  const l = makeLimiters(make, policy);
  // A memory record past its expiry can still be returned by get(); treat it as gone.
  const live = (res: RateLimiterRes | null) => (res && res.msBeforeNext > 0 ? res : null);
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  async function check({ email, ip }: Who): Promise<ThrottleVerdict> {
    const account = accountKey(email);
    const [delay, hour, ipHour] = await Promise.all([l.delay.get(account), l.accountHour.get(account), ip ? l.ipHour.get(ip) : null]);
    const waits: ThrottleVerdict[] = [];
    const d = live(delay);
    if (d && d.consumedPoints > 1) waits.push({ allowed: false, retryAfterSeconds: seconds(d.msBeforeNext), reason: "delay" });
    const h = live(hour);
    if (h && h.consumedPoints >= policy.accountAttemptsPerHour) waits.push({ allowed: false, retryAfterSeconds: seconds(h.msBeforeNext), reason: "account_hourly" });
    const i = live(ipHour);
    if (i && i.consumedPoints >= policy.ipAttemptsPerHour) waits.push({ allowed: false, retryAfterSeconds: seconds(i.msBeforeNext), reason: "ip_hourly" });
    return longest(waits);
  }

  return {
    policy,
    /** Read-only: may this attempt go ahead? (The sign-in route answers 429 before next-auth runs.) */
    checkSignIn: check,

    /**
     * Right before the hash: check again and take one of the hour's attempts for the account
     * and the address, atomically in the store, so parallel attempts cannot pass the ceiling.
     */
    async reserveSignInAttempt(who: Who): Promise<ThrottleVerdict> {
      const first = await check(who);
      if (!first.allowed) return first;
      const account = accountKey(who.email);
      const [acct, ip] = await Promise.all([l.accountHour.penalty(account, 1), who.ip ? l.ipHour.penalty(who.ip, 1) : null]);
      const waits: ThrottleVerdict[] = [];
      if (acct.consumedPoints > policy.accountAttemptsPerHour) waits.push({ allowed: false, retryAfterSeconds: seconds(acct.msBeforeNext), reason: "account_hourly" });
      if (ip && ip.consumedPoints > policy.ipAttemptsPerHour) waits.push({ allowed: false, retryAfterSeconds: seconds(ip.msBeforeNext), reason: "ip_hourly" });
      return longest(waits);
    },

    /** A wrong password (or unknown email): one more in the run, and the delay that follows. */
    async recordSignInFailure({ email }: Who): Promise<{ consecutiveFailures: number; delaySeconds: number }> {
      const account = accountKey(email);
      const run = await l.consecutive.penalty(account, 1);
      const n = run.consumedPoints;
      const delaySeconds = delayAfter(n, policy);
      if (delaySeconds > 0) await l.delay.block(account, delaySeconds);
      return { consecutiveFailures: n, delaySeconds };
    },

    /** The right password: the run of failures ends, and this attempt does not count towards the ceiling. */
    async recordSignInSuccess({ email, ip }: Who): Promise<void> {
      const account = accountKey(email);
      await Promise.all([l.consecutive.delete(account), l.delay.delete(account), giveBack(l.accountHour, account), ip ? giveBack(l.ipHour, ip) : null]);
    },

    /** Has `key` (a user id) used up its wrong answers of this kind? Read-only. */
    async checkLimit(kind: LimitKind, key: string): Promise<ThrottleVerdict> {
      const res = live(await l.kinds[kind].get(key));
      if (res && res.consumedPoints >= LIMITS[kind].points) return { allowed: false, retryAfterSeconds: seconds(res.msBeforeNext), reason: "limit" };
      return { allowed: true };
    },

    /**
     * One wrong answer of this kind for `key`. The answer says whether another try is allowed
     * now; e.g. 5 wrong TOTP codes in 15 minutes, then `{ allowed: false, retryAfterSeconds }`.
     */
    async consumeLimit(kind: LimitKind, key: string): Promise<ThrottleVerdict> {
      const res = await l.kinds[kind].penalty(key, 1);
      if (res.consumedPoints >= LIMITS[kind].points) return { allowed: false, retryAfterSeconds: seconds(res.msBeforeNext), reason: "limit" };
      return { allowed: true };
    },

    /** Forget the wrong answers of this kind (after a right one). */
    async resetLimit(kind: LimitKind, key: string): Promise<void> {
      await l.kinds[kind].delete(key);
    },
  };
}
export type Throttle = ReturnType<typeof createThrottle>;

/** The delay before the next try after `n` failures in a row (0 while under the threshold). */
export function delayAfter(n: number, policy: SignInPolicy = SIGN_IN_POLICY): number {
  if (n < policy.consecutiveBeforeDelay) return 0;
  const doublings = Math.min(n - policy.consecutiveBeforeDelay, 30);
  return Math.min(policy.firstDelaySeconds * 2 ** doublings, policy.maxDelaySeconds);
}

async function giveBack(limiter: RateLimiterAbstract, key: string): Promise<void> {
  const res = await limiter.get(key);
  if (res && res.msBeforeNext > 0 && res.consumedPoints > 0) await limiter.reward(key, 1);
}

function longest(waits: ThrottleVerdict[]): ThrottleVerdict {
  let worst: ThrottleVerdict = { allowed: true };
  for (const w of waits) if (!w.allowed && (worst.allowed || w.retryAfterSeconds > worst.retryAfterSeconds)) worst = w;
  return worst;
}

/** Accounts are keyed by a hash of the normalised email: no addresses in the counters table. */
function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 40);
}

const state = () => processSingleton("throttle", (): { current?: Promise<Throttle> } => ({}));

/** The process's throttle (on the database's store), made on first use. */
export function throttle(): Promise<Throttle> {
  const s = state();
  s.current ??= storeFactory()
    .then((make) => createThrottle(make))
    .catch((err: unknown) => {
      s.current = undefined;
      throw err;
    });
  return s.current;
}

export const checkSignIn = async (who: Who) => (await throttle()).checkSignIn(who);
export const reserveSignInAttempt = async (who: Who) => (await throttle()).reserveSignInAttempt(who);
export const recordSignInFailure = async (who: Who) => (await throttle()).recordSignInFailure(who);
export const recordSignInSuccess = async (who: Who) => (await throttle()).recordSignInSuccess(who);
export const checkLimit = async (kind: LimitKind, key: string) => (await throttle()).checkLimit(kind, key);
export const consumeLimit = async (kind: LimitKind, key: string) => (await throttle()).consumeLimit(kind, key);
export const resetLimit = async (kind: LimitKind, key: string) => (await throttle()).resetLimit(kind, key);

/** For tests: drop the process's throttle (its memory counters) so the next use starts afresh. */
export function resetThrottleForTests(): void {
  state().current = undefined;
}
