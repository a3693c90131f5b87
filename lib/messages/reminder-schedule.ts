import "server-only";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-state";
import { scheduleReminders } from "@/lib/messages/reminders";
import { leads, noteRun, seekLeadership } from "@/lib/instances/leadership";

// One schedule per process, whichever bundle starts or stops it.
const schedule = (): { timer?: NodeJS.Timeout } => processSingleton("reminderSchedule", () => ({}));

/**
 * Look for due reminders on an interval inside the server (REMINDER_INTERVAL_SECONDS; 0 = off), on
 * the one instance that leads the job (lib/instances/leadership.ts).
 */
export function startReminderSchedule(): void {
  const seconds = env().REMINDER_INTERVAL_SECONDS;
  const s = schedule();
  if (seconds === 0 || s.timer) return;
  seekLeadership("reminders");
  const tick = async () => {
    if (!leads("reminders")) return;
    try {
      const r = await scheduleReminders();
      if (r.ran) noteRun("reminders");
      if (r.queued) console.info("[reminders]", JSON.stringify(r));
    } catch (err) {
      console.error("[reminders] scan failed; will try again next interval:", err instanceof Error ? err.message : err);
    }
  };
  s.timer = setInterval(tick, seconds * 1000);
  s.timer.unref();
  setTimeout(tick, Math.min(30, seconds) * 1000).unref();
}

/** Stop the schedule (server shutdown). */
export function stopReminderSchedule(): void {
  const s = schedule();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
}
