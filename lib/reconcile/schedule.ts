import "server-only";
import { env } from "@/lib/env";
import { runReconciliation } from "@/lib/reconcile/run-reconciliation";

const globalForSchedule = globalThis as unknown as { konbiniReconcileTimer?: NodeJS.Timeout };

/** Reconcile on an interval inside the server (RECONCILE_INTERVAL_SECONDS; 0 = off). */
export function scheduleReconciliation(): void {
  const seconds = env().RECONCILE_INTERVAL_SECONDS;
  if (seconds === 0 || globalForSchedule.konbiniReconcileTimer) return;
  const tick = async () => {
    try {
      const s = await runReconciliation({ trigger: "interval" });
      if (s && (s.chargesChanged || s.attemptsResolved || s.eventsProcessed)) console.info("[reconcile]", JSON.stringify(s));
    } catch (err) {
      console.error("[reconcile] run failed; will try again next interval:", err instanceof Error ? err.message : err);
    }
  };
  globalForSchedule.konbiniReconcileTimer = setInterval(tick, seconds * 1000);
  globalForSchedule.konbiniReconcileTimer.unref();
  setTimeout(tick, Math.min(30, seconds) * 1000).unref();
}

/** Stop the schedule (server shutdown). */
export function stopReconciliation(): void {
  if (globalForSchedule.konbiniReconcileTimer) clearInterval(globalForSchedule.konbiniReconcileTimer);
  globalForSchedule.konbiniReconcileTimer = undefined;
}
