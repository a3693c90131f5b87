import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";

/**
 * Re-authentication before a sensitive step (S5/ASVS 7.5): the actor types their own password
 * again. Missing → 403 `reauth_required`, wrong → 403 `reauth_failed`; both name the field
 * `currentPassword` so a form can show the message beside it. Nothing is changed either way.
 */
export async function assertReauth(actorId: string, currentPassword: unknown): Promise<void> {
  if (typeof currentPassword !== "string" || currentPassword.length === 0) {
    throw new AppError("reauth_required", "err.reauth_required", { fields: { currentPassword: ["err.reauth_required"] } });
  }
  const db = await getDb();
  const me = await db.user.findUnique({ where: { id: actorId }, select: { passwordHash: true } });
  if (!me || currentPassword.length > 1024 || !(await verifyPassword(me.passwordHash, currentPassword))) {
    throw new AppError("reauth_failed", "err.reauth_failed", { fields: { currentPassword: ["err.reauth_failed"] } });
  }
}
