import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblems } from "@/lib/auth/password-policy";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { can, type Actor } from "@/lib/auth/types";
import { auditContextFrom, recordAudit } from "@/lib/audit/record";

export const resetPasswordSchema = z.object({
  confirm: z.literal(true, "v.confirm.required"),
  reason: z.string({ error: "v.resetReason.required" }).trim().min(1, "v.resetReason.required").max(500, "v.resetReason.tooLong"),
});

// 20 characters from an alphabet without look-alikes (0/O, 1/l/I): ~100 bits, read out or typed easily.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function temporaryPassword(): string {
  for (;;) {
    const bytes = randomBytes(40);
    let out = "";
    // Rejection sampling keeps every character equally likely.
    for (const b of bytes) if (b < 256 - (256 % ALPHABET.length) && out.length < 20) out += ALPHABET[b % ALPHABET.length];
    if (out.length === 20) return `${out.slice(0, 5)}-${out.slice(5, 10)}-${out.slice(10, 15)}-${out.slice(15)}`;
  }
}

/**
 * POST /api/users/:id/password-reset (admin): a one-time temporary password, returned once and
 * stored only hashed. The user's sessions end, and at the next sign-in they can do nothing but
 * choose a new password (User.mustChangePassword).
 */
export async function resetUserPassword(opts: { actor: Actor; id: string; input: unknown; headers: Headers }): Promise<{ temporaryPassword: string }> {
  if (!can(opts.actor, "manageUsers")) throw new AppError("forbidden", "err.forbidden");
  const { reason } = parseInput(resetPasswordSchema, opts.input);
  if (opts.id === opts.actor.id) throw new AppError("forbidden", "err.reset_own_password");
  const db = await getDb();
  const target = await db.user.findUnique({ where: { id: opts.id }, select: { id: true, email: true, name: true } });
  if (!target) throw notFound();
  let password = temporaryPassword();
  while (passwordProblems(password, target).length > 0) password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: target.id }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } } });
    const revoked = await revokeUserSessions(tx, target.id, "password_reset");
    await recordAudit(
      tx,
      { action: "user.password_reset", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "user", targetId: target.id, reason, detail: { sessionsEnded: revoked } },
      auditContextFrom(opts.headers),
    );
  });
  return { temporaryPassword: password };
}
