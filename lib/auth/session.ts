import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getAuthOptions } from "@/lib/auth/options";
import { checkAuthSession, type SessionUser } from "@/lib/auth/sessions";
import { admitUser, blockedWithout2fa, type RequireOptions } from "@/lib/auth/gate";
import type { Role } from "@/lib/auth/types";

/** Where a user whose password an admin reset must go first (and may go). */
export const CHANGE_PASSWORD_PATH = "/account/password";
/** Where a signed-in user without a second factor is sent while REQUIRE_2FA is on. */
export const TWO_FACTOR_ENROL_PATH = "/account/security";

/**
 * The signed-in user, re-checked against the database on every request: the token's
 * server-side session (`sid`) must be live (not signed out, revoked, idle or past its absolute
 * limit: lib/auth/sessions.ts), the user enabled, and their sessionVersion unchanged.
 *
 * Once per request, not once per caller: while a page renders, React's `cache` shares the answer
 * between the layout, the page and the not-found boundary Next renders beside them (each asked
 * before: three token decodes and three session reads per page view). Nothing is kept between
 * requests: every request still reads the session at least once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const claims = session?.user as { id?: string; sv?: number; sid?: string } | undefined;
  if (!claims?.id || !claims.sid) return null;
  return checkAuthSession({ sid: claims.sid, userId: claims.id, sessionVersion: claims.sv ?? -1 });
});

/**
 * For route handlers: 401 without a session; 403 `password_change_required` while an
 * admin-reset password is still to be changed; 403 `2fa_required` for a user who must enrol a
 * second factor first; 403 for a role that may not act (lib/auth/gate.ts).
 */
export async function requireUser(roles?: readonly Role[], opts: RequireOptions = {}): Promise<SessionUser> {
  return admitUser(await getCurrentUser(), roles, opts);
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
