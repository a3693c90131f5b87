"use client";

import { formatDuration } from "@/lib/format";
import type { Locale } from "@/lib/i18n/messages";
import { DAY_MS } from "@/lib/time/jst";
import { makeT } from "@/components/i18n/make-t";
import { useNow } from "@/components/charges/use-now";

/** "3d 4h left" for a pending charge; red when past the deadline, amber in the last day. */
export function TimeLeft({ expiresAt, locale, className = "" }: Readonly<{ expiresAt: string; locale: Locale; className?: string }>) {
  const t = makeT(locale);
  const now = useNow();
  const ms = new Date(expiresAt).getTime() - now.getTime();
  const tone = ms <= 0 ? "text-red-700" : ms < DAY_MS ? "text-amber-700" : "text-slate-600";
  return (
    // Server and browser clocks differ by a few seconds, which can flip the minute.
    <span data-testid="time-left" suppressHydrationWarning className={`${tone} ${className}`}>
      {ms > 0 ? t("detail.timeLeft", { time: formatDuration(ms, locale) }) : t("detail.overdue")}
    </span>
  );
}
