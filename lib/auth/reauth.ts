import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { checkLimit, consumeLimit, resetLimit } from "@/lib/auth/throttle";

// A signed-in session cannot be used to guess its own password: 5 wrong re-entries per user in
// 15 minutes (S3, lib/auth/throttle.ts kind "enrol"), then 429 without running the hash.
async function throttled(userId: string): Promise<void> {
  const gate = await checkLimit("enrol", userId);
  if (!gate.allowed) {
    throw new AppError("rate_limited", "err.reauth_throttled", { retryAfterSeconds: gate.retryAfterSeconds, params: { minutes: Math.ceil(gate.retryAfterSeconds / 60) } });
  }
}

async function verified(userId: string, passwordHash: string, password: string): Promise<boolean> {
  const ok = await verifyPassword(passwordHash, password);
  if (ok) await resetLimit("enrol", userId);
  else await consumeLimit("enrol", userId);
  return ok;
}

/**
 * Re-authentication before a sensitive step (S5/ASVS 7.5): the actor types their own password
 * again. Missing → 403 `reauth_required`, wrong → 403 `reauth_failed`; both name the field
 * `currentPassword` so a form can show the message beside it. Nothing is changed either way.
 */
export async function assertReauth(actorId: string, currentPassword: unknown): Promise<void> {
  if (typeof currentPassword !== "string" || currentPassword.length === 0) {
    throw new AppError("reauth_required", "err.reauth_required", { fields: { currentPassword: ["err.reauth_required"] } });
  }
  await throttled(actorId);
  const db = await getDb();
  const me = await db.user.findUnique({ where: { id: actorId }, select: { passwordHash: true } });
  if (!me || currentPassword.length > 1024 || !(await verified(actorId, me.passwordHash, currentPassword))) {
    throw new AppError("reauth_failed", "err.reauth_failed", { fields: { currentPassword: ["err.reauth_failed"] } });
  }
}

const passwordSchema = z.object({ password: z.string({ error: "v.password.required" }).min(1, "v.password.required").max(1024, "v.password.tooLong") });

/**
 * Re-authentication before a second-factor change (ASVS 7.5.1): the signed-in user's password
 * again, from `{ password }`. A wrong one is a 422 on the password field that changes nothing.
 */
export async function assertPassword(userId: string, input: unknown): Promise<void> {
  const { password } = parseInput(passwordSchema, input);
  await throttled(userId);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw notFound();
  if (!(await verified(userId, user.passwordHash, password))) {
    throw new AppError("unprocessable", "err.password_wrong", { fields: { password: ["err.password_wrong"] } });
  }
}
