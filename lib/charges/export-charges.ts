import "server-only";
import { getDb } from "@/lib/db";
import { createdPageSql, listChargesQuery } from "@/lib/charges/list-charges";
import { withDeadlineSql, withoutDeadlineSql, type DeadlineCursor } from "@/lib/charges/list-by-deadline";
import { chargesOfKeys } from "@/lib/charges/page-rows";
import type { ChargeDto } from "@/lib/charges/dto";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterParamsOf } from "@/lib/charges/filters";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { jstCsvTime, type Cell } from "@/lib/export/csv";
import { exportOptionsOf, parseExportInput, type ExportOptions } from "@/lib/export/options";
import { csvStream } from "@/lib/export/stream-csv";
import { translatorFor } from "@/lib/i18n/translate-key";
import type { Actor } from "@/lib/auth/types";
import type { Locale } from "@/lib/i18n/locale";

/** Rows per query: a keyset page of ids in the list's own order, then those rows. */
export const EXPORT_BATCH = 2000;

export const CHARGE_EXPORT_COLUMNS = ["id", "reference", "status", "amount", "customerName", "customerEmail", "customerPhone", "description", "createdAt", "expiresAt", "paidAt", "expiredAt", "failureCode", "failureReason", "createdBy", "paymentCode", "link"] as const;

const KNOWN_FAILURES = ["payment_cancelled", "timeout", "failed_processing"] as const;

type Query = ReturnType<typeof listChargesQuery.parse>;

/** Parse GET /api/charges/export's query: the list's filters, schema and sort, plus the export options. 422 before any byte. */
export function parseChargeExport(sp: URLSearchParams, requestLocale: Locale): { query: Query; options: ExportOptions; filters: Record<string, string> } {
  const raw = { status: sp.get("status") ?? undefined, sort: sp.get("sort") ?? undefined, q: sp.get("q") ?? undefined, ...filterParamsOf(sp) };
  const { filters: query, options } = parseExportInput(listChargesQuery, raw, exportOptionsOf(sp), requestLocale);
  const filters = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => Boolean(e[1])));
  return { query, options, filters };
}

/**
 * The charge list as CSV, exactly the rows and order GET /api/charges pages through for the same
 * filters (the same schema and the same keyset SQL), EXPORT_BATCH rows per query. Any signed-in
 * role may export what it may read; the export is audited with who, the filters and the row count.
 */
export function exportCharges(opts: { actor: Actor; query: Query; options: ExportOptions; filters: Record<string, string>; audit: AuditContext }): ReadableStream<Uint8Array> {
  const t = translatorFor(opts.options.locale);
  return csvStream({
    header: CHARGE_EXPORT_COLUMNS.map((c) => t(`csvExport.col.${c}`)),
    batches: chargeRows(opts.query, opts.options.locale),
    encoding: opts.options.encoding,
    finish: async ({ rows, completed }) => {
      const detail = { filters: opts.filters, rows, completed, encoding: opts.options.encoding, locale: opts.options.locale };
      await recordAudit(await getDb(), { action: "charge.export", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "charge", detail }, opts.audit);
    },
  });
}

async function* chargeRows(query: Query, locale: Locale): AsyncGenerator<Cell[][]> {
  const status = query.status === "all" ? null : query.status;
  const page = { status, q: query.q, filters: query, take: EXPORT_BATCH };
  // Each batch is one statement: the keyset range scan joined to its rows (lib/charges/page-rows.ts),
  // the same SQL the list pages with, so memory stays one batch whatever the total.
  if (query.sort === "created") {
    let cursor: { id: string; createdAt: Date } | undefined;
    for (;;) {
      const rows = await chargesOfKeys(createdPageSql({ ...page, cursor }), Prisma.sql`k."createdAt" DESC, k."id" DESC`);
      if (rows.length) yield toCells(rows, locale);
      if (rows.length < EXPORT_BATCH) return;
      const last = rows.at(-1)!;
      cursor = { id: last.id, createdAt: new Date(last.createdAt) };
    }
  }
  // Deadline order: charges with a deadline from the cursor on, then those without one, by id.
  let cursor: DeadlineCursor | undefined;
  let withDeadline = true;
  for (;;) {
    const rows = withDeadline
      ? await chargesOfKeys(withDeadlineSql({ ...page, cursor }), Prisma.sql`k."expiresAt", k."id"`)
      : await chargesOfKeys(withoutDeadlineSql({ ...page, cursor }), Prisma.sql`k."id"`);
    if (rows.length) yield toCells(rows, locale);
    if (rows.length < EXPORT_BATCH) {
      if (!withDeadline) return;
      withDeadline = false;
      cursor = { expiresAt: null, id: "" };
      continue;
    }
    const last = rows.at(-1)!;
    cursor = { expiresAt: last.expiresAt ? new Date(last.expiresAt) : null, id: last.id };
  }
}

const iso = (v: string | null) => (v ? new Date(v) : null);

function toCells(rows: ChargeDto[], locale: Locale): Cell[][] {
  const t = translatorFor(locale);
  const statusWord = (s: string) => (["pending", "successful", "expired", "failed", "reversed"].includes(s) ? t(`status.${s as "pending"}`) : s);
  const failure = (code: string | null, message: string | null) =>
    code && (KNOWN_FAILURES as readonly string[]).includes(code) ? t(`failure.${code as (typeof KNOWN_FAILURES)[number]}`) : message;
  return rows.map((r) => [
    r.id, r.reference, statusWord(r.status), r.amount, r.customerName, r.customerEmail, r.customerPhone, r.description,
    jstCsvTime(new Date(r.createdAt)), jstCsvTime(iso(r.expiresAt)), jstCsvTime(iso(r.paidAt)), jstCsvTime(iso(r.expiredAt)),
    r.failureCode, failure(r.failureCode, r.failureMessage), r.createdBy.email, r.paymentCode, r.authorizeUri,
  ]);
}
