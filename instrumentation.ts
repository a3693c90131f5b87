// Runs once when the server starts: begin the periodic reconciliation with Omise.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scheduleReconciliation } = await import("@/lib/reconcile/schedule");
  scheduleReconciliation();
}
