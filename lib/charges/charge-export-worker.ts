// The charge export's worker process (started by lib/export/worker-process.ts for
// GET /api/charges/export on PostgreSQL): once its code is loaded it says so on file descriptor 3,
// reads the job (JSON) from standard input, writes the records from the job's position on
// (the server has sent the header and the first batches itself) to standard output in the
// export's encoding, EXPORT_BATCH rows per statement, waiting whenever the pipe is full, and exits
// 0 when every row is written. Any failure is logged on standard error and exits 1.
import { once } from "node:events";
import { writeSync } from "node:fs";
import { chargeRows, parseChargeExport, type ChargeExportJob } from "@/lib/charges/export-rows";
import { csvRow, encodeCsv } from "@/lib/export/csv";
import { closeDb, getDb } from "@/lib/db";

async function readJob(): Promise<ChargeExportJob> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return JSON.parse(text) as ChargeExportJob;
}

async function main() {
  await getDb();
  try {
    writeSync(3, "ready\n");
  } catch {} // started by hand, without the server's pipe
  const job = await readJob();
  const { query, options } = parseChargeExport(new URLSearchParams(job.search), job.locale);
  for await (const cells of chargeRows(query, job.words, job.from)) {
    if (!process.stdout.write(encodeCsv(cells.map(csvRow).join(""), options.encoding))) await once(process.stdout, "drain");
  }
  await closeDb();
}

// The client went away (the server kills this process) or the pipe closed: nothing to clean up,
// every statement here only reads.
process.stdout.on("error", () => process.exit(1));
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error("[export worker] failed:", err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
