import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

// At most 5 wrong second-factor codes per user in any 15 minutes (S12, ASVS 6.6.3), counted in
// the database so every instance shares it. Coordinator: lib/auth/throttle.ts (rate-limiter-flexible)
// may replace this; the callers only use these two functions.
export const MAX_WRONG_CODES = 5;
export const WRONG_CODE_WINDOW_MS = 15 * 60_000;

type Db = Pick<PrismaClient, "twoFactorFailure"> | Prisma.TransactionClient;

/** Seconds until the next code may be tried, or 0 when one may be tried now. */
export async function codeRetryAfterSeconds(db: Db, userId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - WRONG_CODE_WINDOW_MS);
  const recent = await db.twoFactorFailure.findMany({
    where: { userId, at: { gt: since } },
    orderBy: { at: "desc" },
    take: MAX_WRONG_CODES,
    select: { at: true },
  });
  if (recent.length < MAX_WRONG_CODES) return 0;
  // The 5th most recent failure leaving the window frees one attempt.
  const oldest = recent[MAX_WRONG_CODES - 1]!.at.getTime();
  return Math.max(1, Math.ceil((oldest + WRONG_CODE_WINDOW_MS - now.getTime()) / 1000));
}

/** Throws 429 `rate_limited` (with Retry-After) when the user has used up their wrong codes. */
export async function assertCodeAttemptsLeft(db: Db, userId: string, now: Date): Promise<void> {
  const retryAfterSeconds = await codeRetryAfterSeconds(db, userId, now);
  if (retryAfterSeconds > 0) throw new AppError("rate_limited", "err.2fa_throttled", { retryAfterSeconds, params: { minutes: Math.ceil(retryAfterSeconds / 60) } });
}

export async function recordWrongCode(db: Db, userId: string, now: Date): Promise<void> {
  await db.twoFactorFailure.deleteMany({ where: { userId, at: { lt: new Date(now.getTime() - WRONG_CODE_WINDOW_MS) } } });
  await db.twoFactorFailure.create({ data: { userId, at: now } });
}
