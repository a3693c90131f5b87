// Not for display: everything shown goes through next-intl (messages/*.ts, lib/i18n/formats.ts).
// This is the JST calendar day used as a grouping key (the overview's daily chart)
// and as the value of the deadline field's quick picks.

const JST_OFFSET_MS = 9 * 3600 * 1000; // Asia/Tokyo has no DST

/** "YYYY-MM-DD" of the JST calendar day. */
export function jstDateKey(value: Date | string): string {
  return new Date(new Date(value).getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}
