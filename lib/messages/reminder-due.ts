import { DAY_MS, nextDaytimeJst } from "@/lib/time/jst";

// The reminder rules, pure (no database, no clock): lib/messages/reminders.ts applies them to
// the database, the charge page shows their answer.

/** "The day before the deadline": the reminder's turn comes 24 hours before it. */
export const REMINDER_LEAD_MS = DAY_MS;
/** At most this many emails to one customer about one charge, the first (the link) included. */
export const MAX_MESSAGES_PER_CHARGE = 3;

/**
 * When the reminder for a charge due at `expiresAt` goes out: 24 hours before, or, if that falls
 * outside 09:00–20:00 JST, at the next 09:00 JST; null if that would be at or after the deadline.
 */
export function reminderDueAt(expiresAt: Date): Date | null {
  const at = nextDaytimeJst(new Date(expiresAt.getTime() - REMINDER_LEAD_MS));
  return at.getTime() < expiresAt.getTime() ? at : null;
}

/** What the charge page says about the reminder (`at` is ISO). */
export type ReminderPlan =
  | { state: "planned" | "queued" | "sent"; at: string }
  | { state: "cancelled" | "failed" | "off" | "merchant_off" | "not_pending" | "no_deadline" | "too_soon" | "limit" };

export type ReminderFacts = {
  status: string;
  remindersEnabled: boolean;
  merchantEnabled: boolean;
  expiresAt: Date | null;
  createdAt: Date;
  /** Messages to this customer about this charge that were not cancelled or failed (the reminder's own row aside). */
  activeMessages: number;
  /** This charge's reminder row, if one was ever queued. */
  reminder: { state: string; notBefore: Date; sentAt: Date | null } | null;
};

/** The reminder's state, from the facts the rules look at. */
export function planReminder(f: ReminderFacts): ReminderPlan {
  const r = f.reminder;
  if (r) {
    if (r.state === "sent" || r.state === "captured") return { state: "sent", at: (r.sentAt ?? r.notBefore).toISOString() };
    if (r.state === "cancelled" || r.state === "failed") return { state: r.state };
    if (f.status === "pending") return { state: "queued", at: r.notBefore.toISOString() };
  }
  if (f.status !== "pending") return { state: "not_pending" };
  if (!f.remindersEnabled) return { state: "off" };
  if (!f.merchantEnabled) return { state: "merchant_off" };
  if (!f.expiresAt) return { state: "no_deadline" };
  const due = reminderDueAt(f.expiresAt);
  // A link handed over less than a day before the deadline needs no reminder the day before.
  if (!due || f.createdAt.getTime() > f.expiresAt.getTime() - REMINDER_LEAD_MS) return { state: "too_soon" };
  if (f.activeMessages >= MAX_MESSAGES_PER_CHARGE) return { state: "limit" };
  return { state: "planned", at: due.toISOString() };
}

/** Whether the scheduler queues the reminder now: planned, its day has come, the deadline not yet. */
export function reminderIsDue(f: ReminderFacts, now: Date): boolean {
  if (planReminder(f).state !== "planned" || !f.expiresAt) return false;
  return now.getTime() >= f.expiresAt.getTime() - REMINDER_LEAD_MS && now.getTime() < f.expiresAt.getTime();
}

export const reminderDedupeKey = (chargeId: string) => `reminder-${chargeId}-1`;
