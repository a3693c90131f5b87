import type { Locale } from "@/lib/i18n/messages";
import { jstWallClock } from "@/lib/time/jst";

// Display helpers: yen as integers with separators, times in Asia/Tokyo with
// the offset shown, e.g. "2026/12/10(水) 23:59 JST (UTC+09:00)".

export function formatYen(amount: number): string {
  return `¥${amount.toLocaleString("ja-JP")}`;
}

const WEEKDAYS: Record<Locale, string[]> = {
  ja: ["日", "月", "火", "水", "木", "金", "土"],
  en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
};

export function jstParts(date: Date) {
  const j = jstWallClock(date);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    y: j.getUTCFullYear(),
    m: pad(j.getUTCMonth() + 1),
    d: pad(j.getUTCDate()),
    hh: pad(j.getUTCHours()),
    mm: pad(j.getUTCMinutes()),
    weekday: j.getUTCDay(),
  };
}

export function formatJst(value: Date | string, locale: Locale): string {
  const p = jstParts(new Date(value));
  const wd = WEEKDAYS[locale][p.weekday];
  return locale === "ja"
    ? `${p.y}/${p.m}/${p.d}(${wd}) ${p.hh}:${p.mm} JST (UTC+09:00)`
    : `${wd} ${p.y}-${p.m}-${p.d} ${p.hh}:${p.mm} JST (UTC+09:00)`;
}

export function formatJstShort(value: Date | string): string {
  const p = jstParts(new Date(value));
  return `${p.m}/${p.d} ${p.hh}:${p.mm}`;
}

/** "YYYY-MM-DD" of the JST calendar day. */
export function jstDateKey(value: Date | string): string {
  const p = jstParts(new Date(value));
  return `${p.y}-${p.m}-${p.d}`;
}

export function formatDuration(ms: number, locale: Locale): string {
  const totalMin = Math.max(0, Math.floor(ms / 60000));
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  if (locale === "ja") return d > 0 ? `${d}日${h}時間` : h > 0 ? `${h}時間${m}分` : `${m}分`;
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : `${m}m`;
}

// Japanese phone grouping, only where the split is certain from the number alone: landline area
// codes run from 2 to 5 digits and a longer code can share a shorter one's first digits (022 and
// 0225), so any other landline is shown as its digits rather than grouped wrongly.
const PHONE_GROUPS: Array<[RegExp, number[]]> = [
  [/^0800\d{7}$/, [4, 3, 4]], // toll-free (before 080, which it starts with)
  [/^0[25789]0\d{8}$/, [3, 4, 4]], // 070/080/090 mobile, 050 IP phone, 020
  [/^0(120|570)\d{6}$/, [4, 3, 3]], // toll-free, navi dial
  [/^0[36]\d{8}$/, [2, 4, 4]], // Tokyo 03, Osaka 06: no longer code begins with either
  [/^0(45|52)[2-9]\d{6}$/, [3, 3, 4]], // Yokohama 045, Nagoya 052 (a local number starts 2-9)
];

/** "08010001004" → "080-1000-1004"; digits it cannot group with certainty, or anything else, unchanged. */
export function formatPhone(value: string): string {
  const groups = PHONE_GROUPS.find(([re]) => re.test(value))?.[1];
  if (!groups) return value;
  let at = 0;
  return groups.map((n) => value.slice(at, (at += n))).join("-");
}
