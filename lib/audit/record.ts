import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** Where an action came from, for the audit log. */
export type AuditContext = { ip: string | null; userAgent: string | null; requestId: string };

export type AuditEntry = {
  action: string; // e.g. "auth.sign_in", "user.update", "charge.expire" (see docs/security.md)
  actorId?: string | null;
  actorEmail?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  reason?: string | null;
  detail?: Prisma.InputJsonValue;
};

type Db = Pick<PrismaClient, "auditLog"> | Prisma.TransactionClient;

/**
 * The request's client address, user agent and id. X-Forwarded-For is believed only when
 * TRUST_PROXY is set; otherwise the socket address that server.mjs puts in x-kd-remote-addr
 * (overwriting whatever the client sent) is used.
 */
export function auditContextFrom(headers: Headers): AuditContext {
  const trustProxy = process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true";
  const forwarded = trustProxy ? headers.get("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  return {
    ip: forwarded || headers.get("x-kd-remote-addr") || null,
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
    requestId: headers.get("x-request-id")?.slice(0, 100) || randomUUID(),
  };
}

/** Append one row to the audit log. Pass the transaction of the action itself. */
export async function recordAudit(db: Db, entry: AuditEntry, ctx?: AuditContext | null): Promise<void> {
  await db.auditLog.create({
    data: {
      action: entry.action,
      actorId: entry.actorId ?? null,
      actorEmail: entry.actorEmail ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      reason: entry.reason ?? null,
      detail: entry.detail,
      ip: ctx?.ip ?? null,
      userAgent: ctx?.userAgent ?? null,
      requestId: ctx?.requestId ?? null,
    },
  });
}
