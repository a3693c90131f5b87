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
