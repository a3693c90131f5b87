import "server-only";
import { getDb } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";

/** Create the first admin from ADMIN_EMAIL / ADMIN_PASSWORD if nobody has that email yet. */
export async function ensureAdmin(opts: { email: string; password: string; name?: string }): Promise<"created" | "exists"> {
  const db = await getDb();
  const email = opts.email.trim().toLowerCase();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return "exists";
  const passwordHash = await hashPassword(opts.password);
  const r = await db.user.createMany({ data: [{ email, name: opts.name ?? "Admin", passwordHash, role: "admin" }], skipDuplicates: true });
  return r.count === 1 ? "created" : "exists";
}
