import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Role } from "@/lib/auth/types";

// Who may pass, once the session is known: the one rule set for every JSON route, whether Next
// serves it (lib/auth/session.ts requireUser) or the lean listener (lib/http/read-api.ts).

/**
 * allowPasswordChangeRequired: reachable while an admin-reset password is still to be changed.
 * allowWithout2fa: reachable before a second factor exists (the enrolment endpoints, REQUIRE_2FA).
 */
export type RequireOptions = { allowPasswordChangeRequired?: boolean; allowWithout2fa?: boolean };

/** True when REQUIRE_2FA keeps this user on the enrolment page until they add a second factor. */
export function blockedWithout2fa(u: SessionUser, opts: RequireOptions): boolean {
  return !opts.allowWithout2fa && !u.hasSecondFactor && env().REQUIRE_2FA;
}

/**
 * 401 without a session; 403 `password_change_required` while an admin-reset password is still to
 * be changed; 403 `2fa_required` for a user who must enrol a second factor first; 403 for a role
 * that may not act.
 */
export function admitUser(user: SessionUser | null, roles?: readonly Role[], opts: RequireOptions = {}): SessionUser {
  if (!user) throw new AppError("unauthorized", "err.unauthorized");
  if (user.mustChangePassword && !opts.allowPasswordChangeRequired) throw new AppError("password_change_required", "err.password_change_required");
  if (blockedWithout2fa(user, opts)) throw new AppError("2fa_required", "err.2fa_required");
  if (roles && !roles.includes(user.role)) throw new AppError("forbidden", "err.forbidden");
  return user;
}
