import "server-only";
import { getDb } from "@/lib/db";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { csvStream, type CsvSource, type EncodedChunk } from "@/lib/export/stream-csv";
import { startWorker, type ExportWorker } from "@/lib/export/worker-process";
import { csvRow, encodeCsv, type Cell, type ExportEncoding } from "@/lib/export/csv";
import type { ExportOptions } from "@/lib/export/options";
import { env } from "@/lib/env";
import { translatorFor } from "@/lib/i18n/translate-key";
import type { Actor } from "@/lib/auth/types";
import type { Locale } from "@/lib/i18n/locale";
import { CHARGE_EXPORT_COLUMNS, EXPORT_STATUSES, KNOWN_FAILURES, chargeBatches, chargeRows, type ChargeExportJob, type ChargeExportQuery, type ExportPosition, type ExportWords } from "@/lib/charges/export-rows";

export { CHARGE_EXPORT_COLUMNS, EXPORT_BATCH, parseChargeExport } from "@/lib/charges/export-rows";

/** The worker script (run by lib/export/worker-process.ts). */
export const CHARGE_EXPORT_WORKER = "lib/charges/charge-export-worker.ts";

/** The status words and failure reasons of the export's language, for the rows. */
export function exportWords(locale: Locale): ExportWords {
  const t = translatorFor(locale);
  return {
    status: Object.fromEntries(EXPORT_STATUSES.map((s) => [s, t(`status.${s}`)])),
    failure: Object.fromEntries(KNOWN_FAILURES.map((c) => [c, t(`failure.${c}`)])),
  };
}

/**
 * The charge list as CSV, exactly the rows and order GET /api/charges pages through for the same
 * filters (the same schema and the same keyset SQL), EXPORT_BATCH rows per query. Any signed-in
 * role may export what it may read; the export is audited with who, the filters and the row count.
 */
export function exportCharges(opts: {
  actor: Actor;
  query: ChargeExportQuery;
  options: ExportOptions;
  filters: Record<string, string>;
  search: string;
  audit: AuditContext;
  onWorker?: (pid: number) => void;
}): ReadableStream<Uint8Array> {
  const t = translatorFor(opts.options.locale);
  // On PostgreSQL the rows are read and formatted by a worker process (lib/export/worker-process.ts
  // says why); the embedded database admits one process, so with PGlite this process does it.
  const words = exportWords(opts.options.locale);
  const job: ChargeExportJob = { search: opts.search, locale: opts.options.locale, words };
  const source: CsvSource = env().DATABASE_URL
    ? { chunks: handedOver(opts.query, job, opts.options.encoding, opts.onWorker) }
    : { batches: chargeRows(opts.query, words) };
  return csvStream({
    header: CHARGE_EXPORT_COLUMNS.map((c) => t(`csvExport.col.${c}`)),
    ...source,
    encoding: opts.options.encoding,
    finish: async ({ rows, completed }) => {
      const detail = { filters: opts.filters, rows, completed, encoding: opts.options.encoding, locale: opts.options.locale };
      await recordAudit(await getDb(), { action: "charge.export", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "charge", detail }, opts.audit);
    },
  });
}

/** How long a server waits for an export worker that is still starting before it writes the rest itself. */
const WORKER_START_MS = 15_000;

/**
 * The records of a PostgreSQL export. The first batch comes from this process, at once. Only if
 * there is more (a full batch) is the worker started, and while it loads (about a second) this
 * process goes on writing batches, at most EXPORT_SERVER_ROWS rows; then the worker gets the
 * position after the last batch written here and writes the rest. A worker that cannot start (or
 * is not ready within WORKER_START_MS) costs a log line: this process then writes every batch.
 */
async function* handedOver(query: ChargeExportQuery, job: ChargeExportJob, encoding: ExportEncoding, onWorker?: (pid: number) => void): AsyncGenerator<EncodedChunk> {
  const serverRows = env().EXPORT_SERVER_ROWS;
  const encode = (cells: Cell[][]): EncodedChunk => ({ bytes: encodeCsv(cells.map(csvRow).join(""), encoding), rows: cells.length });
  let worker: ExportWorker | undefined;
  let handedOff = false;
  try {
    let from: ExportPosition | undefined;
    let written = 0;
    for await (const batch of chargeBatches(query, job.words)) {
      if (batch.cells.length) yield encode(batch.cells);
      written += batch.cells.length;
      if (!batch.next) return;
      from = batch.next;
      worker ??= startWorker(CHARGE_EXPORT_WORKER, onWorker);
      if (worker.ready || written >= serverRows) break;
    }
    if (!worker || !(await worker.whenReady(WORKER_START_MS))) {
      console.error("[export] the export worker did not start; this server writes the rest of the export itself");
      worker?.stop();
      for await (const cells of chargeRows(query, job.words, from)) yield encode(cells);
      return;
    }
    handedOff = true;
    yield* worker.records({ ...job, from });
  } finally {
    if (!handedOff) worker?.stop();
  }
}
