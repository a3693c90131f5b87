// Konbini deadline rules (product.md): no zone means JST, a date without a
// time or a time of 00:00 means 23:59 that day, default 7 days, at most 365
// days ahead, warn past 60 days (Seven-Eleven's limit). Pure: no I/O.
import { DAY_MS, fromJst, jstWallClock } from "@/lib/time/jst";

export const DEFAULT_DAYS = 7;
export const MAX_DAYS = 365;
export const SEVEN_ELEVEN_MAX_DAYS = 60;

export type DeadlineError = "deadline.invalid" | "deadline.past" | "deadline.too_far";
export type DeadlineWarning = "deadline.seven_eleven";
export type DeadlineResult =
  | { ok: true; expiresAt: Date; warnings: DeadlineWarning[] }
  | { ok: false; error: DeadlineError };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** 23:59 JST on the JST calendar day `daysAhead` days after `now`. */
export function endOfJstDay(now: Date, daysAhead = 0): Date {
  const jst = jstWallClock(new Date(now.getTime() + daysAhead * DAY_MS));
  return fromJst(jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate(), 23, 59, 0);
}

function isMidnightJst(date: Date): boolean {
  const jst = jstWallClock(date);
  return jst.getUTCHours() === 0 && jst.getUTCMinutes() === 0 && jst.getUTCSeconds() === 0;
}

function parse(input: string): Date | null {
  const local = LOCAL.exec(input);
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
    if (y === undefined || mo === undefined || d === undefined) return null;
    const date = fromJst(y, mo, d, h ?? 0, mi ?? 0, s ?? 0);
    // Reject rollovers such as 2026-02-30 or 25:00.
    const back = jstWallClock(date);
    if (back.getUTCDate() !== d || back.getUTCMonth() + 1 !== mo || (h !== undefined && back.getUTCHours() !== h)) {
      return null;
    }
    return h === undefined ? endOfJstDay(date) : date;
  }
  if (!ZONED.test(input)) return null;
  const date = new Date(input);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function resolveDeadline(input: string | null | undefined, now: Date): DeadlineResult {
  const raw = input?.trim();
  let expiresAt: Date;
  if (!raw) {
    expiresAt = endOfJstDay(now, DEFAULT_DAYS);
  } else {
    const parsed = parse(raw);
    if (!parsed) return { ok: false, error: "deadline.invalid" };
    expiresAt = isMidnightJst(parsed) ? endOfJstDay(parsed) : parsed;
  }
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, error: "deadline.past" };
  if (expiresAt.getTime() > now.getTime() + MAX_DAYS * DAY_MS) return { ok: false, error: "deadline.too_far" };
  return { ok: true, expiresAt, warnings: deadlineWarnings(expiresAt, now) };
}

/** What to tell staff about a deadline set at `from` (also shown again on the hand-over page). */
export function deadlineWarnings(expiresAt: Date, from: Date): DeadlineWarning[] {
  return expiresAt.getTime() > from.getTime() + SEVEN_ELEVEN_MAX_DAYS * DAY_MS ? ["deadline.seven_eleven"] : [];
}
