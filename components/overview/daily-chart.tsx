"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useMediaQuery } from "@/components/ui/use-media-query";
import { NARROW_DAYS, NARROW_QUERY } from "@/components/overview/chart-range";

type Day = { day: string; paid: number; expired: number };
type Props = { data: Day[]; paidLabel: string; expiredLabel: string; title: string; narrowTitle: string };

const COLORS = { paid: "#059669", expired: "#94a3b8" } as const;
// Recharts sorts tooltip items by their (translated) names by default, which put the
// series in a different order per language; keep paid first everywhere.
const SERIES_ORDER: readonly unknown[] = ["paid", "expired"];
const bySeries = (item: { dataKey?: unknown }) => SERIES_ORDER.indexOf(item.dataKey);

/** Paid vs expired per JST day; bars are counts, not yen, so a few big orders do not hide the expiry rate. */
export function DailyChart({ data, paidLabel, expiredLabel, title, narrowTitle }: Readonly<Props>) {
  const narrow = useMediaQuery(NARROW_QUERY);
  const rows = (narrow ? data.slice(-NARROW_DAYS) : data).map((d) => ({ ...d, label: d.day.slice(5).replace("-", "/") }));
  const series = [
    { key: "paid", label: paidLabel },
    { key: "expired", label: expiredLabel },
  ] as const;
  // Our own legend: the same order in every language, and no English "legend icon" labels.
  const legend = () => (
    <ul data-testid="chart-legend" className="flex justify-center gap-4 text-xs text-slate-700">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: COLORS[s.key] }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
  return (
    <figure data-testid="overview-chart" data-days={rows.length} className="h-72 w-full sm:h-80" aria-label={narrow ? narrowTitle : title}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} barGap={narrow ? 1 : 4} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={12} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} itemSorter={bySeries} />
          <Legend content={legend} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLORS[s.key]} radius={[3, 3, 0, 0]} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
