import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";

type Props = { from: string; to: string; presets: { days: number; from: string; to: string }[] };

/** Presets and a custom range, all in the URL (`/analytics?from=…&to=…`): a view can be bookmarked. */
export async function RangePicker({ from, to, presets }: Readonly<Props>) {
  const t = await getTranslations();
  const input = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <div className="space-y-3" data-testid="analytics-range">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("analytics.range.label")}>
        {presets.map((p) => {
          const active = p.from === from && p.to === to;
          return (
            <Link
              key={p.days}
              href={`/analytics?from=${p.from}&to=${p.to}`}
              aria-current={active ? "page" : undefined}
              data-testid={`analytics-preset-${p.days}`}
              className={buttonClass(active ? "primary" : "secondary", "sm")}
            >
              {t("analytics.range.preset", { days: p.days })}
            </Link>
          );
        })}
      </div>
      <form method="get" action="/analytics" className="grid grid-cols-2 gap-3 sm:flex sm:items-end" aria-label={t("analytics.range.custom")} data-testid="analytics-custom">
        <label className="text-sm">
          {t("analytics.range.from")}
          <input type="date" name="from" defaultValue={from} required className={input} data-testid="analytics-from" />
        </label>
        <label className="text-sm">
          {t("analytics.range.to")}
          <input type="date" name="to" defaultValue={to} required className={input} data-testid="analytics-to" />
        </label>
        <button type="submit" className={buttonClass("primary", "md", "col-span-2 sm:col-span-1")} data-testid="analytics-apply">
          {t("analytics.range.apply")}
        </button>
      </form>
    </div>
  );
}
