import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { jstDayEnd, jstDayStart, jstDaySchema } from "@/lib/time/jst-day";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Every action the app writes (docs/security.md lists them); the page offers these as a filter. */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "auth.sign_out",
  "user.create",
  "user.update",
  "charge.create",
  "charge.expire",
  "charge.reissue",
  "charge.sync",
  "refund.request",
  "refund.transfer",
  "refund.cancel",
  "refund.reveal",
  "webhook.process",
  "webhook.fetch",
  "charge.export",
  "audit_log.export",
] as const;

export type AuditRowDto = {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  detail: unknown;
};
export type AuditPage = { data: AuditRowDto[]; nextCursor: string | null };

const decodeCursor = (cursor: string): { at: Date; id: string } | null => {
  const parts = Buffer.from(cursor, "base64url").toString().split("|");
  if (parts.length !== 2 || !parts[1]) return null;
  const at = new Date(parts[0] ?? "");
  return Number.isNaN(at.getTime()) ? null : { at, id: parts[1] };
};
const encodeCursor = (row: { at: Date; id: string }) => Buffer.from(`${row.at.toISOString()}|${row.id}`).toString("base64url");

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const auditQuerySchema = z
  .object({
    // A user id, or an email as typed (failed sign-ins have only the email).
    actor: z.preprocess(blank, z.string().trim().max(254, "v.actor.invalid").optional()),
    action: z.preprocess(blank, z.string().regex(/^[a-z0-9_.]{1,64}$/, "v.action.invalid").optional()),
    from: z.preprocess(blank, jstDaySchema.optional()), // JST calendar days, both inclusive
    to: z.preprocess(blank, jstDaySchema.optional()),
    limit: z.preprocess(blank, z.coerce.number({ error: "v.limit.invalid" }).int("v.limit.invalid").min(1, "v.limit.invalid").max(100, "v.limit.invalid").default(50)),
    cursor: z.preprocess(blank, z.string().max(200, "v.cursor.invalid").refine((c) => decodeCursor(c) !== null, "v.cursor.invalid").optional()),
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), { path: ["to"], message: "v.dateRange.invalid" })
  .transform(({ cursor, ...rest }) => ({ ...rest, after: cursor === undefined ? undefined : (decodeCursor(cursor) ?? undefined) }));

export type AuditQuery = z.output<typeof auditQuerySchema>;
export const AUDIT_ORDER = [{ at: "desc" }, { id: "desc" }] as const satisfies Prisma.AuditLogOrderByWithRelationInput[];

/** The filters and the keyset position (newest first) as a where clause: the page and the CSV export share it. */
export function auditWhere(q: Omit<AuditQuery, "limit">): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (q.actor) and.push({ OR: [{ actorId: q.actor }, { actorEmail: q.actor.toLowerCase() }] });
  if (q.action) and.push({ action: q.action });
  if (q.from) and.push({ at: { gte: jstDayStart(q.from) } });
  if (q.to) and.push({ at: { lt: jstDayEnd(q.to) } });
  if (q.after) and.push({ OR: [{ at: { lt: q.after.at } }, { at: q.after.at, id: { lt: q.after.id } }] });
  return { AND: and };
}

/** Admins read the audit log, newest first, by actor, action and JST days, a keyset page at a time. */
export async function listAudit(opts: { actor: Actor; query: unknown }): Promise<AuditPage> {
  if (!can(opts.actor, "readAudit")) throw new AppError("forbidden", "err.forbidden");
  const q = parseInput(auditQuerySchema, opts.query);
  const db = await getDb();
  const rows = await db.auditLog.findMany({ where: auditWhere(q), orderBy: AUDIT_ORDER, take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({ ...r, at: r.at.toISOString(), detail: r.detail ?? null })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}
