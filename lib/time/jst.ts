// Japan Standard Time, the one place it is defined. Asia/Tokyo is UTC+09:00
// all year (no daylight saving), so a fixed offset is exact. Times are stored
// in UTC and shown in JST with the offset. The simulator (plain .mjs, no
// imports from lib/) keeps its own copy in simulator/core.mjs and page.mjs.
export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** `date` shifted so that its UTC fields (getUTCHours…) read as the JST wall clock. */
export function jstWallClock(date: Date): Date {
  return new Date(date.getTime() + JST_OFFSET_MS);
}

/** The instant at a JST wall-clock time; `month` is 1–12. Out-of-range fields roll over like Date.UTC. */
export function fromJst(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds) - JST_OFFSET_MS);
}

/** 00:00 JST of the JST calendar day containing `date`. */
export function startOfJstDay(date: Date): Date {
  const j = jstWallClock(date);
  return fromJst(j.getUTCFullYear(), j.getUTCMonth() + 1, j.getUTCDate());
}

/** 00:00 JST on the first of the JST month containing `date`. */
export function startOfJstMonth(date: Date): Date {
  const j = jstWallClock(date);
  return fromJst(j.getUTCFullYear(), j.getUTCMonth() + 1, 1);
}

// Customer messages (reminders) go out only in the daytime, 09:00 to 20:00 JST.
export const DAYTIME_START_HOUR_JST = 9;
export const DAYTIME_END_HOUR_JST = 20;

/**
 * `date` itself if it falls within 09:00–20:00 JST (20:00 excluded), otherwise the next
 * 09:00 JST: a turn that falls at night waits for the morning.
 */
export function nextDaytimeJst(date: Date): Date {
  const j = jstWallClock(date);
  const hour = j.getUTCHours();
  if (hour >= DAYTIME_START_HOUR_JST && hour < DAYTIME_END_HOUR_JST) return date;
  const nineToday = fromJst(j.getUTCFullYear(), j.getUTCMonth() + 1, j.getUTCDate(), DAYTIME_START_HOUR_JST);
  return hour < DAYTIME_START_HOUR_JST ? nineToday : new Date(nineToday.getTime() + DAY_MS);
}
