import "server-only";
import { getDb } from "@/lib/db";
import { stopDatabaseMonitor } from "@/lib/health/database-monitor";

/**
 * Called once by server.mjs when it stops (SIGTERM/SIGINT), after it has
 * stopped taking requests: stop the timers, then close the database cleanly
 * (for the embedded PGlite database this leaves its files consistent). Events
 * still waiting in the processing queue stay stored and unprocessed; the
 * reconciliation applies them.
 */
export async function shutdown(): Promise<void> {
  const timers = globalThis as unknown as { konbiniReconcileTimer?: NodeJS.Timeout; konbiniPglite?: { close(): Promise<void> } };
  if (timers.konbiniReconcileTimer) clearInterval(timers.konbiniReconcileTimer);
  await stopDatabaseMonitor();
  if (timers.konbiniPglite) await timers.konbiniPglite.close();
  else await getDb().then((db) => db.$disconnect());
}
