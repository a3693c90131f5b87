// Runs once when the server starts: begin the periodic reconciliation with
// Omise, and hand server.mjs the lean webhook listener.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scheduleReconciliation } = await import("@/lib/reconcile/schedule");
  scheduleReconciliation();
  const { serveWebhook } = await import("@/lib/webhooks/node-listener");
  (globalThis as Record<symbol, unknown>)[Symbol.for("konbini-desk.serveWebhook")] = serveWebhook;
}
