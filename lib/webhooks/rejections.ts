import { processSingleton } from "@/lib/process-state";

// Rejected deliveries write nothing to the database (they may be forged), so
// this process counts them in memory for the webhook health panel. One count
// per process: the lean listener (server.mjs, registered from
// instrumentation.ts) and the pages are separate bundles in one process.
type RejectionState = { count: number; last: null | { at: string; reason: string } };
const state = (): RejectionState => processSingleton("webhookRejections", () => ({ count: 0, last: null }));

export function noteRejection(reason: string): void {
  const s = state();
  s.count += 1;
  s.last = { at: new Date().toISOString(), reason };
}

export function rejectionStats(): { count: number; last: { at: string; reason: string } | null } {
  const s = state();
  return { count: s.count, last: s.last };
}
