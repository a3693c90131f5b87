import "server-only";
import { randomBytes } from "node:crypto";
import { getDb, readRows } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { auditContextFrom, recordAudit } from "@/lib/audit/record";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor, Role } from "@/lib/auth/types";

// Server-side sessions (S4, S5). The next-auth JWT only carries `sid`, the id of an AuthSession
// row; the row is the truth. A session ends when its row is revoked, when no request came for
// SESSION_IDLE_MINUTES (lastSeenAt), or SESSION_MAX_HOURS after sign-in (expiresAt), whatever the
// JWT's own expiry says (next-auth slides that one on every /api/auth/session call).

export type RevokeReason =
  | "sign_out"
  | "sign_out_everywhere"
  | "revoked"
  | "password_changed"
  | "password_reset"
  | "role_changed"
  | "disabled"
  | "second_factor_changed";

/** lastSeenAt is written at most this often per session: one indexed UPDATE a minute at most. */
export const TOUCH_INTERVAL_MS = 60_000;

export type SessionLimits = { idleMs: number; maxMs: number };

export function sessionLimits(): SessionLimits {
  const { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS } = env();
  return { idleMs: SESSION_IDLE_MINUTES * 60_000, maxMs: SESSION_MAX_HOURS * 3_600_000 };
}

type Tx = Prisma.TransactionClient;
type Client = { ip?: string | null; userAgent?: string | null };

/** A new session row for a user who just signed in; its id goes into the JWT as `sid`. */
export async function createAuthSession(opts: { userId: string; client?: Client; now?: Date }): Promise<string> {
  const now = opts.now ?? new Date();
  const { idleMs, maxMs } = sessionLimits();
  const id = randomBytes(32).toString("base64url");
  const db = await getDb();
  await db.authSession.create({
    data: {
      id,
      userId: opts.userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + maxMs),
      idleExpiresAt: new Date(now.getTime() + idleMs),
      ip: opts.client?.ip?.slice(0, 100) ?? null,
      userAgent: opts.client?.userAgent?.slice(0, 512) ?? null,
    },
  });
  return id;
}

type SessionRow = { lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null };

/** Why a session row no longer admits its holder, or null while it is live. Pure, for tests. */
export function sessionEndReason(row: SessionRow | null, now: Date, limits: SessionLimits): "unknown" | "revoked" | "idle" | "expired" | null {
  if (!row) return "unknown";
  if (row.revokedAt) return "revoked";
  if (now.getTime() >= row.expiresAt.getTime()) return "expired";
  if (now.getTime() - row.lastSeenAt.getTime() >= limits.idleMs) return "idle";
  return null;
}

/** The lastSeenAt to write for a request at `now`, or null when the stored one is recent enough. */
export function touchedLastSeen(row: Pick<SessionRow, "lastSeenAt">, now: Date): Date | null {
  return now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS ? now : null;
}

// hasSecondFactor: TOTP enabled or a passkey registered (REQUIRE_2FA, lib/auth/session.ts).
export type SessionUser = Actor & { sessionId: string; mustChangePassword: boolean; hasSecondFactor: boolean };

/** A session row with what the check needs of its user, as one query reads it. */
type SessionCheckRow = SessionRow & {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  sessionVersion: number;
  mustChangePassword: boolean;
  totpEnabledAt: Date | null;
  passkeys: number;
  extra?: string | null;
};

/**
 * The statement behind checkAuthSession: the session row, its user and their passkey count in one
 * round trip; `extra`, a scalar subquery read in the same statement (the charge list's change
 * version), comes back as text.
 */
function sessionCheckSql(sid: string, extra?: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT s."id", s."userId", s."lastSeenAt", s."expiresAt", s."revokedAt",
      u."email", u."name", u."role", u."disabled", u."sessionVersion", u."mustChangePassword", u."totpEnabledAt",
      (SELECT count(*)::int FROM "PasskeyCredential" p WHERE p."userId" = u."id") AS "passkeys"
      ${extra ? Prisma.sql`, (${extra})::text AS "extra"` : Prisma.empty}
    FROM "AuthSession" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ${sid}`;
}

type CheckOpts = { sid: string; userId?: string; sessionVersion?: number; now?: Date; limits?: SessionLimits };

/**
 * The user holding session `sid`, or null when the session is unknown, revoked, idle or past
 * its absolute limit, or the user is disabled or their sessionVersion moved on. Marks the
 * session as seen (at most once per TOUCH_INTERVAL_MS). `now` is injectable for tests.
 */
export async function checkAuthSession(opts: CheckOpts): Promise<SessionUser | null> {
  return (await checkAuthSessionReading(opts)).user;
}

/**
 * checkAuthSession, and in the same statement one more value the request needs whoever asks
 * (`extra`, e.g. the charge list's change version: lib/http/read-api.ts). Read on every request,
 * never remembered: a revoked or signed-out session is refused on the very next request.
 * `extra` is null when the session is unknown.
 */
export async function checkAuthSessionReading(opts: CheckOpts & { extra?: Prisma.Sql }): Promise<{ user: SessionUser | null; extra: string | null }> {
  const now = opts.now ?? new Date();
  const limits = opts.limits ?? sessionLimits();
  const [row] = await readRows<SessionCheckRow>(sessionCheckSql(opts.sid, opts.extra), { prepare: true });
  const extra = row?.extra ?? null;
  if (sessionEndReason(row ?? null, now, limits) || !row) return { user: null, extra };
  if (opts.userId && opts.userId !== row.userId) return { user: null, extra };
  if (row.disabled) return { user: null, extra };
  if (opts.sessionVersion !== undefined && opts.sessionVersion !== row.sessionVersion) return { user: null, extra };
  if (touchedLastSeen(row, now)) {
    // Conditional, so concurrent requests write once; never revives a revoked row.
    const db = await getDb();
    await db.authSession.updateMany({
      where: { id: row.id, revokedAt: null, lastSeenAt: { lt: new Date(now.getTime() - TOUCH_INTERVAL_MS + 1) } },
      data: { lastSeenAt: now, idleExpiresAt: new Date(Math.min(now.getTime() + limits.idleMs, row.expiresAt.getTime())) },
    });
  }
  const user: SessionUser = {
    id: row.userId,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    sessionId: row.id,
    mustChangePassword: row.mustChangePassword,
    hasSecondFactor: Boolean(row.totpEnabledAt) || row.passkeys > 0,
  };
  return { user, extra };
}

/**
 * Ends every live session of a user, in the caller's transaction: a password change or reset,
 * a role change, disabling, "sign out everywhere", a second-factor change. `except` keeps one
 * (the session that changed its own password stays signed in). Returns how many ended.
 */
export async function revokeUserSessions(tx: Tx, userId: string, reason: RevokeReason, opts: { except?: string; now?: Date } = {}): Promise<number> {
  const r = await tx.authSession.updateMany({
    where: { userId, revokedAt: null, ...(opts.except ? { id: { not: opts.except } } : {}) },
    data: { revokedAt: opts.now ?? new Date(), revokedReason: reason },
  });
  return r.count;
}

/** Sign-out: ends the one session the cookie named (next-auth's signOut event). */
export async function revokeSessionOnSignOut(sid: string | undefined | null): Promise<void> {
  if (!sid) return;
  const db = await getDb();
  await db.authSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: "sign_out" } });
}

export type SessionDto = { id: string; current: boolean; createdAt: string; lastSeenAt: string; expiresAt: string; ip: string | null; userAgent: string | null };

/** The actor's own live sessions, most recently used first. */
export async function listMySessions(opts: { actor: SessionUser; now?: Date }): Promise<SessionDto[]> {
  const now = opts.now ?? new Date();
  const { idleMs } = sessionLimits();
  const db = await getDb();
  const rows = await db.authSession.findMany({
    where: { userId: opts.actor.id, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - idleMs) } },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: 100,
  });
  return rows.map((r) => ({
    id: r.id,
    current: r.id === opts.actor.sessionId,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    ip: r.ip,
    userAgent: r.userAgent,
  }));
}

/** "Sign out everywhere": ends all of the actor's sessions, this one included. */
export async function revokeAllMySessions(opts: { actor: SessionUser; headers: Headers }): Promise<{ revoked: number }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const revoked = await revokeUserSessions(tx, opts.actor.id, "sign_out_everywhere");
    await recordAudit(
      tx,
      { action: "auth.sessions_revoked", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "user", targetId: opts.actor.id, detail: { revoked, reason: "sign_out_everywhere" } },
      auditContextFrom(opts.headers),
    );
    return { revoked };
  });
}

/** Ends one of the actor's own sessions (the list on /account). */
export async function revokeMySession(opts: { actor: SessionUser; id: string; headers: Headers }): Promise<{ revoked: true }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const r = await tx.authSession.updateMany({
      where: { id: opts.id, userId: opts.actor.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: "revoked" },
    });
    if (r.count === 0) throw notFound();
    await recordAudit(
      tx,
      { action: "auth.session_revoked", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "session", targetId: opts.id.slice(0, 8), detail: { current: opts.id === opts.actor.sessionId } },
      auditContextFrom(opts.headers),
    );
    return { revoked: true as const };
  });
}

/** Narrows an Actor from requireUser to one with its session (every real request has one). */
export function withSession(actor: Actor): SessionUser {
  const s = actor as Partial<SessionUser>;
  if (!s.sessionId) throw new AppError("unauthorized", "err.unauthorized");
  return actor as SessionUser;
}
