import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_MS, fromJst, jstWallClock } from "@/lib/time/jst";
import { planReminder, reminderDueAt, reminderIsDue, type ReminderFacts } from "@/lib/messages/reminder-due";

const HOUR = 3_600_000;
const jstHour = (d: Date) => jstWallClock(d).getUTCHours();
// Deadlines over a few years, to the millisecond.
const deadline = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms));

describe("reminderDueAt", () => {
  it("is 24 hours before a deadline whose day-before falls in the daytime", () => {
    expect(reminderDueAt(fromJst(2026, 12, 10, 14, 0))).toEqual(fromJst(2026, 12, 9, 14, 0));
    expect(reminderDueAt(fromJst(2026, 12, 10, 9, 0))).toEqual(fromJst(2026, 12, 9, 9, 0));
    expect(reminderDueAt(fromJst(2026, 12, 10, 19, 59))).toEqual(fromJst(2026, 12, 9, 19, 59));
  });

  it("waits for 09:00 JST when the day-before falls at night", () => {
    // The usual konbini deadline, 23:59: the reminder goes at 09:00 on the deadline's day.
    expect(reminderDueAt(fromJst(2026, 12, 10, 23, 59))).toEqual(fromJst(2026, 12, 10, 9, 0));
    expect(reminderDueAt(fromJst(2026, 12, 10, 22, 0))).toEqual(fromJst(2026, 12, 10, 9, 0));
    expect(reminderDueAt(fromJst(2026, 12, 10, 20, 0))).toEqual(fromJst(2026, 12, 10, 9, 0));
    expect(reminderDueAt(fromJst(2026, 12, 10, 3, 0))).toEqual(fromJst(2026, 12, 9, 9, 0));
    // Across a month and a year end.
    expect(reminderDueAt(fromJst(2027, 1, 1, 23, 0))).toEqual(fromJst(2027, 1, 1, 9, 0));
    expect(reminderDueAt(fromJst(2027, 1, 1, 2, 0))).toEqual(fromJst(2026, 12, 31, 9, 0));
  });

  it("always gives a time between 09:00 and 20:00 JST, before the deadline and not before the day-before", () => {
    fc.assert(
      fc.property(deadline, (expiresAt) => {
        const due = reminderDueAt(expiresAt);
        // The night is 13 hours long and the lead 24, so the morning always comes before the deadline.
        expect(due).not.toBeNull();
        if (!due) return;
        expect(jstHour(due)).toBeGreaterThanOrEqual(9);
        expect(jstHour(due)).toBeLessThan(20);
        expect(due.getTime()).toBeLessThan(expiresAt.getTime());
        expect(due.getTime()).toBeGreaterThanOrEqual(expiresAt.getTime() - DAY_MS);
        // At most one night's wait (20:00 → 09:00).
        expect(due.getTime() - (expiresAt.getTime() - DAY_MS)).toBeLessThanOrEqual(13 * HOUR);
      }),
      { numRuns: 5000 },
    );
  });

  it("is exactly the day-before when that is daytime, else a 09:00 sharp", () => {
    fc.assert(
      fc.property(deadline, (expiresAt) => {
        const before = new Date(expiresAt.getTime() - DAY_MS);
        const due = reminderDueAt(expiresAt);
        const h = jstHour(before);
        if (h >= 9 && h < 20) expect(due).toEqual(before);
        else expect(jstWallClock(due ?? new Date(0)).toISOString().slice(11)).toBe("09:00:00.000Z");
      }),
      { numRuns: 5000 },
    );
  });

  it("never goes backwards: a later deadline never gets an earlier reminder", () => {
    fc.assert(
      fc.property(deadline, fc.integer({ min: 0, max: 3 * DAY_MS }), (a, gap) => {
        const b = new Date(a.getTime() + gap);
        expect((reminderDueAt(b) ?? b).getTime()).toBeGreaterThanOrEqual((reminderDueAt(a) ?? a).getTime());
      }),
      { numRuns: 2000 },
    );
  });
});

const expiresAt = fromJst(2026, 12, 10, 14, 0);
const base: ReminderFacts = {
  status: "pending",
  remindersEnabled: true,
  merchantEnabled: true,
  expiresAt,
  createdAt: fromJst(2026, 12, 3, 10, 0),
  activeMessages: 1,
  reminder: null,
};

describe("planReminder", () => {
  it("plans the reminder for the day before", () => {
    expect(planReminder(base)).toEqual({ state: "planned", at: fromJst(2026, 12, 9, 14, 0).toISOString() });
    expect(planReminder({ ...base, activeMessages: 2 }).state).toBe("planned");
  });

  it("says why not", () => {
    expect(planReminder({ ...base, remindersEnabled: false }).state).toBe("off");
    expect(planReminder({ ...base, merchantEnabled: false }).state).toBe("merchant_off");
    expect(planReminder({ ...base, activeMessages: 3 }).state).toBe("limit");
    expect(planReminder({ ...base, expiresAt: null }).state).toBe("no_deadline");
    for (const status of ["successful", "failed", "expired", "reversed"]) expect(planReminder({ ...base, status }).state).toBe("not_pending");
    // Created less than 24 hours before the deadline.
    expect(planReminder({ ...base, createdAt: fromJst(2026, 12, 9, 14, 1) }).state).toBe("too_soon");
    expect(planReminder({ ...base, createdAt: fromJst(2026, 12, 9, 14, 0) }).state).toBe("planned");
  });

  it("reports a reminder already queued or sent, whatever changed since", () => {
    const notBefore = fromJst(2026, 12, 9, 14, 0);
    const queued = { state: "queued", notBefore, sentAt: null };
    expect(planReminder({ ...base, reminder: queued, activeMessages: 3 })).toEqual({ state: "queued", at: notBefore.toISOString() });
    expect(planReminder({ ...base, reminder: queued, status: "successful" }).state).toBe("not_pending");
    const sentAt = fromJst(2026, 12, 9, 14, 1);
    expect(planReminder({ ...base, status: "successful", reminder: { state: "sent", notBefore, sentAt } })).toEqual({ state: "sent", at: sentAt.toISOString() });
    expect(planReminder({ ...base, reminder: { state: "cancelled", notBefore, sentAt: null } }).state).toBe("cancelled");
  });
});

describe("reminderIsDue", () => {
  it("is due from 24 hours before the deadline until the deadline, and only when planned", () => {
    expect(reminderIsDue(base, new Date(expiresAt.getTime() - 25 * HOUR))).toBe(false);
    expect(reminderIsDue(base, new Date(expiresAt.getTime() - DAY_MS))).toBe(true);
    expect(reminderIsDue(base, new Date(expiresAt.getTime() - 1))).toBe(true);
    expect(reminderIsDue(base, expiresAt)).toBe(false);
    expect(reminderIsDue({ ...base, remindersEnabled: false }, new Date(expiresAt.getTime() - HOUR))).toBe(false);
    expect(reminderIsDue({ ...base, activeMessages: 3 }, new Date(expiresAt.getTime() - HOUR))).toBe(false);
  });
});
