// Runs once when the server starts: begin the periodic reconciliation with
// Omise and the background database check, and hand server.mjs the lean
// webhook listener.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scheduleReconciliation } = await import("@/lib/reconcile/schedule");
  scheduleReconciliation();
  const { startDatabaseMonitor } = await import("@/lib/health/database-monitor");
  startDatabaseMonitor();
  const { serveWebhook } = await import("@/lib/webhooks/node-listener");
  (globalThis as Record<symbol, unknown>)[Symbol.for("konbini-desk.serveWebhook")] = serveWebhook;
}
