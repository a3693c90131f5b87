import "server-only";
import { getDb } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { isCommonPassword, PASSWORD_MAX } from "@/lib/auth/password-policy";

/** ADMIN_PASSWORD must pass the list check too (S2); the start stops with this message otherwise. */
export function adminPasswordProblem(password: string): string | null {
  if ([...password].length > PASSWORD_MAX) return `ADMIN_PASSWORD: must be at most ${PASSWORD_MAX} characters`;
  if (isCommonPassword(password)) return "ADMIN_PASSWORD: is in the list of common or breached passwords (lib/auth/common-passwords.txt); choose a long passphrase of your own, e.g. four unrelated words";
  return null;
}

/** Create the first admin from ADMIN_EMAIL / ADMIN_PASSWORD if nobody has that email yet. */
export async function ensureAdmin(opts: { email: string; password: string; name?: string }): Promise<"created" | "exists"> {
  const problem = adminPasswordProblem(opts.password);
  if (problem) throw new Error(problem);
  const db = await getDb();
  const email = opts.email.trim().toLowerCase();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return "exists";
  const passwordHash = await hashPassword(opts.password);
  const r = await db.user.createMany({ data: [{ email, name: opts.name ?? "Admin", passwordHash, role: "admin" }], skipDuplicates: true });
  return r.count === 1 ? "created" : "exists";
}
