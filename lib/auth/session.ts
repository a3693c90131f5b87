import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getAuthOptions } from "@/lib/auth/options";
import { AppError } from "@/lib/errors";
import type { Actor, Role } from "@/lib/auth/types";

/** Where a signed-in user without a second factor is sent while REQUIRE_2FA is on. */
export const TWO_FACTOR_ENROL_PATH = "/account/security";

type SessionUser = { actor: Actor; hasSecondFactor: boolean };

async function loadSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const claims = session?.user as { id?: string; sv?: number } | undefined;
  const id = claims?.id;
  if (!id) return null;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id }, include: { _count: { select: { passkeys: true } } } });
  if (!user || user.disabled || (claims?.sv ?? -1) !== user.sessionVersion) return null;
  return {
    actor: { id: user.id, email: user.email, name: user.name, role: user.role },
    hasSecondFactor: Boolean(user.totpEnabledAt) || user._count.passkeys > 0,
  };
}

/**
 * The signed-in user, re-checked against the database on every request: a
 * disabled user, or one whose sessionVersion was bumped, is signed out at once.
 */
export async function getCurrentUser(): Promise<Actor | null> {
  return (await loadSessionUser())?.actor ?? null;
}

/** True when REQUIRE_2FA keeps this user on the enrolment page until they add a second factor. */
function blockedWithout2fa(u: SessionUser, opts?: { allowWithout2fa?: boolean }): boolean {
  return !opts?.allowWithout2fa && !u.hasSecondFactor && env().REQUIRE_2FA;
}

/**
 * For route handlers: 401 without a session, 403 `2fa_required` for a user who must enrol a
 * second factor first (REQUIRE_2FA; the enrolment endpoints pass `allowWithout2fa`), 403 for a
 * role that may not act.
 */
export async function requireUser(roles?: readonly Role[], opts?: { allowWithout2fa?: boolean }): Promise<Actor> {
  const u = await loadSessionUser();
  if (!u) throw new AppError("unauthorized", "err.unauthorized");
  if (blockedWithout2fa(u, opts)) throw new AppError("2fa_required", "err.2fa_required");
  if (roles && !roles.includes(u.actor.role)) throw new AppError("forbidden", "err.forbidden");
  return u.actor;
}

/** For pages: anonymous visitors go to the sign-in page; a user who must enrol goes to enrolment. */
export async function requirePageUser(from: string, opts?: { allowWithout2fa?: boolean }): Promise<Actor> {
  const u = await loadSessionUser();
  if (!u) redirect(`/login?from=${encodeURIComponent(from)}`);
  if (blockedWithout2fa(u, opts)) redirect(TWO_FACTOR_ENROL_PATH);
  return u.actor;
}
