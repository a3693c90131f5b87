import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { getAuthOptions } from "@/lib/auth/options";
import { AppError } from "@/lib/errors";
import type { Actor, Role } from "@/lib/auth/types";

/**
 * The signed-in user, re-checked against the database on every request: a
 * disabled user, or one whose sessionVersion was bumped, is signed out at once.
 */
export async function getCurrentUser(): Promise<Actor | null> {
  const session = await getServerSession(getAuthOptions());
  const claims = session?.user as { id?: string; sv?: number } | undefined;
  const id = claims?.id;
  if (!id) return null;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id } });
  if (!user || user.disabled || (claims?.sv ?? -1) !== user.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For route handlers: 401 without a session, 403 for a role that may not act. */
export async function requireUser(roles?: readonly Role[]): Promise<Actor> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "err.unauthorized");
  if (roles && !roles.includes(user.role)) throw new AppError("forbidden", "err.forbidden");
  return user;
}

/** For pages: anonymous visitors go to the sign-in page. */
export async function requirePageUser(from: string): Promise<Actor> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?from=${encodeURIComponent(from)}`);
  return user;
}
