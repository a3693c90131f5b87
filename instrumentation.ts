// Runs once when the server starts: check the environment, begin the periodic
// reconciliation with Omise, the outbox sender and the background database check, and hand
// server.mjs the routes it answers itself (the webhook, the health check and the hot read APIs)
// and its shutdown step.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Fail fast on a bad environment, naming the variable; a build needs no secrets.
  if (process.env.NEXT_PHASE !== "phase-production-build") (await import("@/lib/env-or-exit")).envOrExit();
  const { scheduleReconciliation } = await import("@/lib/reconcile/schedule");
  scheduleReconciliation();
  const { startSender } = await import("@/lib/messages/sender");
  startSender();
  const { startDatabaseMonitor } = await import("@/lib/health/database-monitor");
  startDatabaseMonitor();
  const { startReminderSchedule } = await import("@/lib/messages/reminder-schedule");
  startReminderSchedule();
  const { leanRoutes } = await import("@/lib/http/lean-routes");
  const { shutdown } = await import("@/lib/shutdown");
  const { publishProcessValue } = await import("@/lib/process-state");
  publishProcessValue("leanRoutes", leanRoutes);
  publishProcessValue("shutdown", shutdown);
}
