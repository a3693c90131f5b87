// Which part of the expiring-soon queue a pending charge belongs to, by JST calendar day
// (Asia/Tokyo has no daylight saving, so a day is always DAY_MS). Pure: no I/O.
import { DAY_MS, startOfJstDay } from "@/lib/time/jst";

export const DEADLINE_GROUPS = ["overdue", "today", "tomorrow", "week", "later"] as const;
export type DeadlineGroup = (typeof DEADLINE_GROUPS)[number];

/** Past the deadline first; then today, tomorrow, the next 7 JST days, and the rest (or none). */
export function deadlineGroup(expiresAt: Date | null, now: Date): DeadlineGroup {
  if (!expiresAt) return "later";
  if (expiresAt.getTime() <= now.getTime()) return "overdue";
  const days = Math.round((startOfJstDay(expiresAt).getTime() - startOfJstDay(now).getTime()) / DAY_MS);
  if (days <= 0) return "today";
  if (days === 1) return "tomorrow";
  return days < 7 ? "week" : "later";
}
