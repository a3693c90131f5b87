import "server-only";
import { checkDatabase } from "@/lib/health/check-database";

// The server checks its database once a second in the background, so
// /api/health answers from the latest check at once, even while the database
// is hung (a check gives up after CHECK_TIMEOUT_MS and records the failure).
// A sample older than MAX_AGE_MS is not trusted: the caller checks live.
export const CHECK_INTERVAL_MS = 1_000;
export const CHECK_TIMEOUT_MS = 1_000;
const MAX_AGE_MS = 3_000;

export type DatabaseSample = { ok: boolean; error: string | null; checkedAt: Date };
type MonitorState = { last: DatabaseSample | null; checking: boolean; timer: NodeJS.Timeout | null };

// On globalThis: started from instrumentation.ts, read by the health route (another bundle).
const globalForMonitor = globalThis as unknown as { konbiniDatabaseMonitor?: MonitorState };
const state = (): MonitorState => (globalForMonitor.konbiniDatabaseMonitor ??= { last: null, checking: false, timer: null });

async function sample(): Promise<void> {
  const s = state();
  if (s.checking) return;
  s.checking = true;
  try {
    const result = await checkDatabase(CHECK_TIMEOUT_MS);
    s.last = { ok: result.ok, error: result.ok ? null : result.error, checkedAt: new Date() };
  } finally {
    s.checking = false;
  }
}

export function startDatabaseMonitor(): void {
  const s = state();
  if (s.timer) return;
  s.timer = setInterval(() => void sample(), CHECK_INTERVAL_MS);
  s.timer.unref();
  void sample();
}

/** The latest background check, or null when there is none recent enough to trust. */
export function latestDatabaseSample(now = Date.now()): DatabaseSample | null {
  const last = state().last;
  return last && now - last.checkedAt.getTime() <= MAX_AGE_MS ? last : null;
}

/**
 * True when the latest recent check found the database down. Callers that must
 * answer fast (the webhook) then fail at once instead of queueing for a
 * connection; the next check, within a second of the database returning,
 * clears it.
 */
export function databaseKnownDown(now = Date.now()): boolean {
  const last = latestDatabaseSample(now);
  return last !== null && !last.ok;
}
