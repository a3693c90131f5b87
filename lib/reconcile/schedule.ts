import "server-only";
import { env } from "@/lib/env";
import { runReconciliation } from "@/lib/reconcile/run-reconciliation";
import { processSingleton } from "@/lib/process-state";
import { leads, noteRun, seekLeadership } from "@/lib/instances/leadership";

// One schedule per process, whichever bundle starts or stops it.
const schedule = (): { timer?: NodeJS.Timeout } => processSingleton("reconcileSchedule", () => ({}));

/**
 * Reconcile on an interval inside the server (RECONCILE_INTERVAL_SECONDS; 0 = off), on the one
 * instance that leads the job (lib/instances/leadership.ts).
 */
export function scheduleReconciliation(): void {
  const seconds = env().RECONCILE_INTERVAL_SECONDS;
  const s = schedule();
  if (seconds === 0 || s.timer) return;
  seekLeadership("reconcile");
  const tick = async () => {
    if (!leads("reconcile")) return;
    try {
      const s = await runReconciliation({ trigger: "interval" });
      if (s) noteRun("reconcile");
      if (s && (s.chargesChanged || s.attemptsResolved || s.eventsProcessed)) console.info("[reconcile]", JSON.stringify(s));
    } catch (err) {
      console.error("[reconcile] run failed; will try again next interval:", err instanceof Error ? err.message : err);
    }
  };
  s.timer = setInterval(tick, seconds * 1000);
  s.timer.unref();
  setTimeout(tick, Math.min(30, seconds) * 1000).unref();
}

/** Stop the schedule (server shutdown). */
export function stopReconciliation(): void {
  const s = schedule();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
}
