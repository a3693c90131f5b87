import type { DateTimeFormatOptions } from "next-intl";
import type { Locale } from "@/lib/i18n/locale";

// Named formats used by messages ({at, date, jst}) and by format.dateTime(d, "short").
// No time zone here: next-intl applies the configured Asia/Tokyo to every one of them.
type AppFormatsShape = { dateTime: Record<"jst" | "short", DateTimeFormatOptions> };
const clock = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;

const FORMATS = {
  // 2026/12/10(木) 23:59 and 12/10 23:59
  ja: {
    dateTime: {
      jst: { year: "numeric", month: "2-digit", day: "2-digit", weekday: "short", ...clock },
      short: { month: "2-digit", day: "2-digit", ...clock },
    },
  },
  // Thu, Dec 10, 2026, 23:59 and Dec 10, 23:59: the month in words, so 12/10 is never read as 12 October.
  en: {
    dateTime: {
      jst: { year: "numeric", month: "short", day: "numeric", weekday: "short", ...clock },
      short: { month: "short", day: "numeric", ...clock },
    },
  },
} as const satisfies Record<Locale, AppFormatsShape>;

export type AppFormats = AppFormatsShape;

export function formatsFor(locale: Locale): AppFormats {
  return FORMATS[locale];
}
