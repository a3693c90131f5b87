import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { getAuthOptions } from "@/lib/auth/options";
import { checkAuthSession, type SessionUser } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/auth/types";

/** Where a user whose password an admin reset must go first (and may go). */
export const CHANGE_PASSWORD_PATH = "/account/password";
/** Where a signed-in user without a second factor is sent while REQUIRE_2FA is on. */
export const TWO_FACTOR_ENROL_PATH = "/account/security";

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

/**
 * allowPasswordChangeRequired: reachable while an admin-reset password is still to be changed.
 * allowWithout2fa: reachable before a second factor exists (the enrolment endpoints, REQUIRE_2FA).
 */
type RequireOptions = { allowPasswordChangeRequired?: boolean; allowWithout2fa?: boolean };

/** True when REQUIRE_2FA keeps this user on the enrolment page until they add a second factor. */
function blockedWithout2fa(u: SessionUser, opts: RequireOptions): boolean {
  return !opts.allowWithout2fa && !u.hasSecondFactor && env().REQUIRE_2FA;
}

/**
 * For route handlers: 401 without a session; 403 `password_change_required` while an
 * admin-reset password is still to be changed; 403 `2fa_required` for a user who must enrol a
 * second factor first; 403 for a role that may not act.
 */
export async function requireUser(roles?: readonly Role[], opts: RequireOptions = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "err.unauthorized");
  if (user.mustChangePassword && !opts.allowPasswordChangeRequired) throw new AppError("password_change_required", "err.password_change_required");
  if (blockedWithout2fa(user, opts)) throw new AppError("2fa_required", "err.2fa_required");
  if (roles && !roles.includes(user.role)) throw new AppError("forbidden", "err.forbidden");
  return user;
}

/**
 * For pages: anonymous visitors (and ended sessions) go to the sign-in page; a user who must
 * change their password goes to that page first, and one who must enrol a second factor to enrolment.
 */
export async function requirePageUser(from: string, opts: RequireOptions = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?from=${encodeURIComponent(from)}`);
  if (user.mustChangePassword && !opts.allowPasswordChangeRequired) redirect(CHANGE_PASSWORD_PATH);
  if (blockedWithout2fa(user, opts)) redirect(TWO_FACTOR_ENROL_PATH);
  return user;
}
