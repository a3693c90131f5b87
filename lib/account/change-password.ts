import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { passwordString, refineNewPassword } from "@/lib/auth/password-policy";
import { assertReauth } from "@/lib/auth/reauth";
import { revokeUserSessions, type SessionUser } from "@/lib/auth/sessions";
import { auditContextFrom, recordAudit } from "@/lib/audit/record";

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "err.reauth_required" }).max(1024, "err.reauth_failed").optional(),
  newPassword: passwordString(),
});

/**
 * POST /api/account/password: the signed-in user sets a new password. Needs the current one
 * (re-authentication); the new one must pass the policy (S2) and differ from it. Every other
 * session of the user ends; this one stays, and a reset's must-change flag is cleared.
 */
export async function changeOwnPassword(opts: { actor: SessionUser; input: unknown; headers: Headers }): Promise<{ changed: true; otherSessionsEnded: number }> {
  const raw = (opts.input ?? {}) as Record<string, unknown>;
  // Who is asking first (403), then what they ask for (422): nothing is said about a new password to someone who could not prove who they are.
  await assertReauth(opts.actor.id, raw.currentPassword);
  const input = parseInput(changePasswordSchema.superRefine(refineNewPassword("newPassword", () => ({ email: opts.actor.email, name: opts.actor.name }))), opts.input);
  if (input.newPassword === input.currentPassword) {
    throw new AppError("unprocessable", "err.validation", { fields: { newPassword: ["v.password.same"] } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: opts.actor.id }, data: { passwordHash, mustChangePassword: false } });
    const otherSessionsEnded = await revokeUserSessions(tx, opts.actor.id, "password_changed", { except: opts.actor.sessionId });
    await recordAudit(
      tx,
      { action: "auth.password_changed", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "user", targetId: opts.actor.id, detail: { otherSessionsEnded, afterReset: opts.actor.mustChangePassword } },
      auditContextFrom(opts.headers),
    );
    return { changed: true as const, otherSessionsEnded };
  });
}
