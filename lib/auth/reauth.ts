import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
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

const passwordSchema = z.object({ password: z.string({ error: "v.password.required" }).min(1, "v.password.required").max(1024, "v.password.tooLong") });

/**
 * Re-authentication before a second-factor change (ASVS 7.5.1): the signed-in user's password
 * again, from `{ password }`. A wrong one is a 422 on the password field that changes nothing.
 */
export async function assertPassword(userId: string, input: unknown): Promise<void> {
  const { password } = parseInput(passwordSchema, input);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw notFound();
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError("unprocessable", "err.password_wrong", { fields: { password: ["err.password_wrong"] } });
  }
}
