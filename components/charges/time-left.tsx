"use client";

import { DAY_MS } from "@/lib/time/jst";
import { useQuickTranslations } from "@/lib/i18n/quick-translator";
import { useNow } from "@/components/charges/use-now";

/** "3d 4h left" for a pending charge; red when past the deadline, amber in the last day. */
export function TimeLeft({ expiresAt, className = "" }: Readonly<{ expiresAt: string; className?: string }>) {
  // On every pending row of a list: the cached translator (lib/i18n/quick-translator.ts).
  const { t } = useQuickTranslations();
  const now = useNow();
  const ms = new Date(expiresAt).getTime() - now.getTime();
  const duration = (left: number) => {
    const minutes = Math.floor(left / 60_000);
    const [days, hours] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60)];
    if (days > 0) return t("duration.days", { days, hours });
    return hours > 0 ? t("duration.hours", { hours, minutes: minutes % 60 }) : t("duration.minutes", { minutes });
  };
  const tone = ms <= 0 ? "text-red-700" : ms < DAY_MS ? "text-amber-700" : "text-slate-600";
  return (
    // useNow starts from the request's `now`, so the server and the browser render the same minute.
    <span data-testid="time-left" className={`${tone} ${className}`}>
      {ms > 0 ? t("duration.timeLeft", { time: duration(ms) }) : t("duration.overdue")}
    </span>
  );
}
