// The state of one bulk run, kept in localStorage after every step so a reload (or a closed
// tab) resumes where it stopped. Every row has its own idempotency key from the moment the file
// is read: a row sent again after a reload reaches POST /api/charges with the same key and gets
// the charge it already made (200, replayed), never a second one. Keys are per user on the
// server, so a saved run is resumed only by the user who started it.
import type { FormValues } from "@/lib/charges/bulk-csv";
import type { CsvEncoding } from "@/lib/charges/bulk-csv";

export type RowState = "ready" | "creating" | "created" | "failed" | "duplicate" | "dropped";

export type BulkRow = {
  n: number; // the row's line in the file (the header is 1)
  values: FormValues;
  key: string;
  state: RowState;
  chargeId?: string;
  link?: string | null;
  paymentCode?: string | null;
  error?: string;
  fields?: Record<string, string[]>;
  duplicateOf?: string[];
  duplicateReason?: string;
  mail?: "queued" | "failed";
  mailError?: string;
};

export type BulkRun = {
  version: 1;
  id: string;
  userId: string;
  fileName: string;
  encoding: CsvEncoding;
  startedAt: string;
  sendEmail: boolean;
  phase: "review" | "creating" | "done";
  rows: BulkRow[];
};

const STORAGE_KEY = "konbini-desk.bulk-run";

export function loadRun(userId: string): BulkRun | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const run = JSON.parse(raw) as BulkRun;
    return run.version === 1 && run.userId === userId && Array.isArray(run.rows) ? run : null;
  } catch {
    return null;
  }
}

export function saveRun(run: BulkRun | null): void {
  try {
    if (run) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(run));
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or disabled: the run goes on; only resuming after a reload is lost.
  }
}

/** Rows still to send: ready ones and those a lost connection left half-way. */
export const pendingRows = (run: BulkRun): BulkRow[] => run.rows.filter((r) => r.state === "ready" || r.state === "creating");

export function tally(run: BulkRun) {
  const count = (s: RowState) => run.rows.filter((r) => r.state === s).length;
  return { created: count("created"), failed: count("failed"), duplicate: count("duplicate"), dropped: count("dropped"), total: run.rows.length };
}
