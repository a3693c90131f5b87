import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";

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
