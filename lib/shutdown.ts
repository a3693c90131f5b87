import "server-only";
import { stopReminderSchedule } from "@/lib/messages/reminder-schedule";
import { closeDb } from "@/lib/db";
import { stopDatabaseMonitor } from "@/lib/health/database-monitor";
import { stopReconciliation } from "@/lib/reconcile/schedule";
import { stopSender } from "@/lib/messages/sender";
import { stopLeadership } from "@/lib/instances/leadership";

/**
 * Called once by server.mjs when it stops (SIGTERM/SIGINT), after it has
 * stopped taking requests: stop the timers, hand the background jobs over to another instance
 * (lib/instances/leadership.ts), then close the database cleanly
 * (for the embedded PGlite database this leaves its files consistent). Events
 * still waiting in the processing queue stay stored and unprocessed; the
 * reconciliation applies them.
 */
export async function shutdown(): Promise<void> {
  stopReminderSchedule();
  stopReconciliation();
  stopSender();
  await stopLeadership(); // first, so another instance takes the jobs over at once
  await stopDatabaseMonitor();
  await closeDb();
}
