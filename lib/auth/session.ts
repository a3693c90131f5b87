import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getAuthOptions } from "@/lib/auth/options";
import { checkAuthSession, type SessionUser } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/auth/types";

/** Where a user whose password an admin reset must go first (and may go). */
export const CHANGE_PASSWORD_PATH = "/account/password";

/**
 * The signed-in user, re-checked against the database on every request: the token's
 * server-side session (`sid`) must be live (not signed out, revoked, idle or past its absolute
 * limit: lib/auth/sessions.ts), the user enabled, and their sessionVersion unchanged.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const claims = session?.user as { id?: string; sv?: number; sid?: string } | undefined;
  if (!claims?.id || !claims.sid) return null;
  return checkAuthSession({ sid: claims.sid, userId: claims.id, sessionVersion: claims.sv ?? -1 });
}

type RequireOptions = { allowPasswordChangeRequired?: boolean };

/**
 * For route handlers: 401 without a session, 403 for a role that may not act, and 403
 * `password_change_required` while an admin-reset password is still to be changed.
 */
export async function requireUser(roles?: readonly Role[], opts: RequireOptions = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "err.unauthorized");
  if (user.mustChangePassword && !opts.allowPasswordChangeRequired) throw new AppError("password_change_required", "err.password_change_required");
  if (roles && !roles.includes(user.role)) throw new AppError("forbidden", "err.forbidden");
  return user;
}

/**
 * For pages: anonymous visitors (and ended sessions) go to the sign-in page; a user who must
 * change their password goes to that page first.
 */
export async function requirePageUser(from: string, opts: RequireOptions = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?from=${encodeURIComponent(from)}`);
  if (user.mustChangePassword && !opts.allowPasswordChangeRequired) redirect(CHANGE_PASSWORD_PATH);
  return user;
}
