import "server-only";
import { createdPageSql, listChargesQuery } from "@/lib/charges/list-charges";
import { withDeadlineSql, withoutDeadlineSql, type DeadlineCursor } from "@/lib/charges/list-by-deadline";
import { chargesOfKeys } from "@/lib/charges/page-rows";
import type { ChargeDto } from "@/lib/charges/dto";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterParamsOf } from "@/lib/charges/filters";
import { jstCsvTime, type Cell } from "@/lib/export/csv";
import { exportOptionsOf, parseExportInput, type ExportOptions } from "@/lib/export/options";
import type { Locale } from "@/lib/i18n/locale";

// The charge export's rows, shared by the server (the embedded database's path) and the export
// worker process (lib/charges/charge-export-worker.ts). Nothing here loads the message catalogs
// or next-intl: the words come in ExportWords, translated once by the server.

/** Rows per query: a keyset page of ids in the list's own order, then those rows. */
export const EXPORT_BATCH = 2000;

export const CHARGE_EXPORT_COLUMNS = ["id", "reference", "status", "amount", "customerName", "customerEmail", "customerPhone", "description", "createdAt", "expiresAt", "paidAt", "expiredAt", "failureCode", "failureReason", "createdBy", "paymentCode", "link"] as const;

export const EXPORT_STATUSES = ["pending", "successful", "expired", "failed", "reversed"] as const;
export const KNOWN_FAILURES = ["payment_cancelled", "timeout", "failed_processing"] as const;

/** The status words and the known failure reasons in the export's language. */
export type ExportWords = { status: Record<string, string>; failure: Record<string, string> };

export type ChargeExportQuery = ReturnType<typeof listChargesQuery.parse>;

/** Parse GET /api/charges/export's query: the list's filters, schema and sort, plus the export options. 422 before any byte. */
export function parseChargeExport(sp: URLSearchParams, requestLocale: Locale): { query: ChargeExportQuery; options: ExportOptions; filters: Record<string, string>; search: string } {
  const raw = { status: sp.get("status") ?? undefined, sort: sp.get("sort") ?? undefined, q: sp.get("q") ?? undefined, ...filterParamsOf(sp) };
  const { filters: query, options } = parseExportInput(listChargesQuery, raw, exportOptionsOf(sp), requestLocale);
  const filters = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => Boolean(e[1])));
  return { query, options, filters, search: sp.toString() };
}

/** The worker's job: the request's query string (parsed again there, as the server did), the language it resolved to, and the words. */
export type ChargeExportJob = { search: string; locale: Locale; words: ExportWords };

/**
 * The charge list as CSV cells, exactly the rows and order GET /api/charges pages through for the
 * same filters (the same schema and the same keyset SQL), EXPORT_BATCH rows per statement.
 */
export async function* chargeRows(query: ChargeExportQuery, words: ExportWords): AsyncGenerator<Cell[][]> {
  const status = query.status === "all" ? null : query.status;
  const page = { status, q: query.q, filters: query, take: EXPORT_BATCH };
  // Each batch is one statement: the keyset range scan joined to its rows (lib/charges/page-rows.ts),
  // the same SQL the list pages with, so memory stays one batch whatever the total.
  if (query.sort === "created") {
    let cursor: { id: string; createdAt: Date } | undefined;
    for (;;) {
      const rows = await chargesOfKeys(createdPageSql({ ...page, cursor }), Prisma.sql`k."createdAt" DESC, k."id" DESC`);
      if (rows.length) yield toCells(rows, words);
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
    if (rows.length) yield toCells(rows, words);
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

function toCells(rows: ChargeDto[], words: ExportWords): Cell[][] {
  const statusWord = (s: string) => (Object.hasOwn(words.status, s) ? words.status[s] : s);
  const failure = (code: string | null, message: string | null) => (code && Object.hasOwn(words.failure, code) ? words.failure[code] : message);
  return rows.map((r) => [
    r.id, r.reference, statusWord(r.status), r.amount, r.customerName, r.customerEmail, r.customerPhone, r.description,
    jstCsvTime(new Date(r.createdAt)), jstCsvTime(iso(r.expiresAt)), jstCsvTime(iso(r.paidAt)), jstCsvTime(iso(r.expiredAt)),
    r.failureCode, failure(r.failureCode, r.failureMessage), r.createdBy.email, r.paymentCode, r.authorizeUri,
  ]);
}
