import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { checkDatabase } from "@/lib/health/check-database";
import { processSingleton } from "@/lib/process-state";

// The server checks its database once a second in the background, so
// /api/health answers from the latest check at once, even while the database
// is hung (a check gives up after CHECK_TIMEOUT_MS and records the failure).
// A sample older than MAX_AGE_MS is not trusted: the caller checks live.
//
// On PostgreSQL the check has a connection of its own, outside the app's pool:
// a busy pool must not read as a database that is down.
export const CHECK_INTERVAL_MS = 1_000;
export const CHECK_TIMEOUT_MS = 1_000;
const MAX_AGE_MS = 3_000;

export type DatabaseSample = { ok: boolean; error: string | null; checkedAt: Date };
type MonitorState = {
  last: DatabaseSample | null;
  failuresInARow: number;
  checking: boolean;
  timer: NodeJS.Timeout | null;
  pool?: pg.Pool;
};

// One per process: started from instrumentation.ts, read by the health route (another bundle).
const state = (): MonitorState => processSingleton("databaseMonitor", () => ({ last: null, failuresInARow: 0, checking: false, timer: null }));

async function check(s: MonitorState): Promise<{ ok: true } | { ok: false; error: string }> {
  const url = env().DATABASE_URL;
  if (!url) return checkDatabase(CHECK_TIMEOUT_MS); // the embedded database: one in-process connection
  s.pool ??= new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: CHECK_TIMEOUT_MS, query_timeout: CHECK_TIMEOUT_MS, idleTimeoutMillis: 0 });
  try {
    await s.pool.query("SELECT 1");
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

async function sample(): Promise<void> {
  const s = state();
  if (s.checking) return;
  s.checking = true;
  try {
    const result = await check(s);
    s.failuresInARow = result.ok ? 0 : s.failuresInARow + 1;
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

/** Stop checking and close the check's own connection (server shutdown). */
export async function stopDatabaseMonitor(): Promise<void> {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
  await s.pool?.end().catch(() => undefined);
  s.pool = undefined;
}

/** The latest background check, or null when there is none recent enough to trust. */
export function latestDatabaseSample(now = Date.now()): DatabaseSample | null {
  const last = state().last;
  return last && now - last.checkedAt.getTime() <= MAX_AGE_MS ? last : null;
}

/**
 * True when the last two checks in a row, the latest of them recent, found the
 * database down. Callers that must answer fast (the webhook) then fail at once
 * instead of queueing for a connection; the first good check clears it.
 */
export function databaseKnownDown(now = Date.now()): boolean {
  const last = latestDatabaseSample(now);
  return last !== null && !last.ok && state().failuresInARow >= 2;
}
