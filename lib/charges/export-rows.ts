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

/**
 * Where an export has got to: the keyset position after the last batch written, in JSON's terms
 * (it crosses to the worker process). Deadline order reads the charges with a deadline first,
 * then (`withDeadline` false) those without one, by id.
 */
export type ExportPosition =
  | { sort: "created"; after?: { createdAt: string; id: string } }
  | { sort: "deadline"; withDeadline: boolean; after?: { expiresAt: string | null; id: string } };

/** The worker's job: the request's query string (parsed again there, as the server did), the language it resolved to, the words, and where to start. */
export type ChargeExportJob = { search: string; locale: Locale; words: ExportWords; from?: ExportPosition };

/**
 * The charge list as CSV cells, exactly the rows and order GET /api/charges pages through for the
 * same filters (the same schema and the same keyset SQL), EXPORT_BATCH rows per statement, from
 * `from` on; each batch says where the next one starts (null after the last).
 */
export async function* chargeBatches(query: ChargeExportQuery, words: ExportWords, from?: ExportPosition): AsyncGenerator<{ cells: Cell[][]; next: ExportPosition | null }> {
  const status = query.status === "all" ? null : query.status;
  const page = { status, q: query.q, filters: query, take: EXPORT_BATCH };
  // Each batch is one statement: the keyset range scan joined to its rows (lib/charges/page-rows.ts),
  // the same SQL the list pages with, so memory stays one batch whatever the total.
  if (query.sort === "created") {
    let at = from?.sort === "created" ? from.after : undefined;
    for (;;) {
      const cursor = at && { id: at.id, createdAt: new Date(at.createdAt) };
      const rows = await chargesOfKeys(createdPageSql({ ...page, cursor }), Prisma.sql`k."createdAt" DESC, k."id" DESC`);
      const last = rows.at(-1);
      at = last && { createdAt: last.createdAt, id: last.id };
      const next: ExportPosition | null = rows.length < EXPORT_BATCH ? null : { sort: "created", after: at };
      if (rows.length || !next) yield { cells: toCells(rows, words), next };
      if (!next) return;
    }
  }
  let withDeadline = from?.sort === "deadline" ? from.withDeadline : true;
  let at = from?.sort === "deadline" ? from.after : undefined;
  for (;;) {
    const cursor: DeadlineCursor | undefined = at && { expiresAt: at.expiresAt ? new Date(at.expiresAt) : null, id: at.id };
    const rows = withDeadline
      ? await chargesOfKeys(withDeadlineSql({ ...page, cursor }), Prisma.sql`k."expiresAt", k."id"`)
      : await chargesOfKeys(withoutDeadlineSql({ ...page, cursor: cursor ?? { expiresAt: null, id: "" } }), Prisma.sql`k."id"`);
    const last = rows.at(-1);
    let next: ExportPosition | null;
    if (rows.length === EXPORT_BATCH) next = { sort: "deadline", withDeadline, after: last && { expiresAt: last.expiresAt, id: last.id } };
    else next = withDeadline ? { sort: "deadline", withDeadline: false } : null;
    yield { cells: toCells(rows, words), next };
    if (!next) return;
    withDeadline = next.withDeadline;
    at = next.after;
  }
}

/** The export's rows as cells, batch by batch (the embedded database's path, and the tests). */
export async function* chargeRows(query: ChargeExportQuery, words: ExportWords, from?: ExportPosition): AsyncGenerator<Cell[][]> {
  for await (const batch of chargeBatches(query, words, from)) if (batch.cells.length) yield batch.cells;
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
