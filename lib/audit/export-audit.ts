import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { AUDIT_ORDER, auditQuerySchema, auditWhere, type AuditQuery } from "@/lib/audit/list-audit";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { jstCsvTime, type Cell } from "@/lib/export/csv";
import { exportOptionsOf, parseExportInput, type ExportOptions } from "@/lib/export/options";
import { csvStream } from "@/lib/export/stream-csv";
import { translatorFor } from "@/lib/i18n/translate-key";
import type { Locale } from "@/lib/i18n/locale";

export const AUDIT_EXPORT_BATCH = 2000;
export const AUDIT_FILTERS = ["actor", "action", "from", "to"] as const;
export const AUDIT_EXPORT_COLUMNS = ["at", "action", "actorEmail", "actorId", "targetType", "targetId", "reason", "ip", "userAgent", "requestId", "detail"] as const;

/** Parse GET /api/audit/export's query: the audit page's filters and schema, plus the export options. */
export function parseAuditExport(sp: URLSearchParams, requestLocale: Locale): { query: AuditQuery; options: ExportOptions; filters: Record<string, string> } {
  const filters = Object.fromEntries(AUDIT_FILTERS.flatMap((k) => (sp.get(k) ? [[k, sp.get(k) as string]] : [])));
  const { filters: query, options } = parseExportInput(auditQuerySchema, filters, exportOptionsOf(sp), requestLocale);
  return { query, options, filters };
}

/**
 * The audit log as CSV (admins only), newest first, exactly the rows the audit page pages through
 * for the same filters (the same where clause and keyset), AUDIT_EXPORT_BATCH rows per query.
 * The export itself is audited; its own row is written after the last batch, so it is not in it.
 */
export function exportAudit(opts: { actor: Actor; query: AuditQuery; options: ExportOptions; filters: Record<string, string>; audit: AuditContext }): ReadableStream<Uint8Array> {
  if (!can(opts.actor, "readAudit")) throw new AppError("forbidden", "err.forbidden");
  const t = translatorFor(opts.options.locale);
  return csvStream({
    header: AUDIT_EXPORT_COLUMNS.map((c) => t(`csvExport.auditCol.${c}`)),
    batches: auditRows(opts.query),
    encoding: opts.options.encoding,
    finish: async ({ rows, completed }) => {
      const detail = { filters: opts.filters, rows, completed, encoding: opts.options.encoding, locale: opts.options.locale };
      await recordAudit(await getDb(), { action: "audit_log.export", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "audit", detail }, opts.audit);
    },
  });
}

async function* auditRows(query: AuditQuery): AsyncGenerator<Cell[][]> {
  const db = await getDb();
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const rows = await db.auditLog.findMany({ where: auditWhere({ ...query, after }), orderBy: AUDIT_ORDER, take: AUDIT_EXPORT_BATCH });
    if (rows.length) {
      yield rows.map((r) => [jstCsvTime(r.at), r.action, r.actorEmail, r.actorId, r.targetType, r.targetId, r.reason, r.ip, r.userAgent, r.requestId, r.detail == null ? null : JSON.stringify(r.detail)]);
    }
    const last = rows.at(-1);
    if (rows.length < AUDIT_EXPORT_BATCH || !last) return;
    after = { at: last.at, id: last.id };
  }
}
