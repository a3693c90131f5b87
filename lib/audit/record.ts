import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { clientIp } from "@/lib/http/client-ip";

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
export function auditContextFrom(headers: Headers | Record<string, string | string[] | undefined>): AuditContext {
  const h = headers instanceof Headers ? headers : new Headers(Object.entries(headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : Array.isArray(v) ? [[k, v.join(",")]] : [])) as [string, string][]);
  return {
    ip: clientIp(h),
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
    requestId: h.get("x-request-id")?.slice(0, 100) || randomUUID(),
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
