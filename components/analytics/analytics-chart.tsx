"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormatter } from "next-intl";

export type ChartSeries = { key: string; label: string; color: string };
export type ChartRow = { label: string } & Record<string, number | string | null>;
type Unit = "count" | "yen" | "percent";
// dataLabels: the categories are data (staff names, raw failure codes), marked translate="no".
type Props = { rows: ChartRow[]; series: ChartSeries[]; unit: Unit; stacked?: boolean; label: string; dataLabels?: boolean };
type TickProps = { x?: number | string; y?: number | string; payload?: { value?: unknown } };

// SVG's typings lack the global translate attribute; the browser honours it on any element.
const NO_TRANSLATE: Record<string, string> = { translate: "no" };
const dataTick = ({ x, y, payload }: TickProps) => (
  <text x={x} y={y} dy={12} textAnchor="middle" fontSize={11} fill="#666" {...NO_TRANSLATE}>
    {String(payload?.value ?? "")}
  </text>
);

/** A bar chart for the analytics page; percent values come as fractions (0–1). */
export function AnalyticsChart({ rows, series, unit, stacked = false, label, dataLabels = false }: Readonly<Props>) {
  const format = useFormatter();
  const value = (v: unknown) => {
    const n = typeof v === "number" ? v : 0;
    if (unit === "yen") return format.number(n, { style: "currency", currency: "JPY" });
    if (unit === "percent") return format.number(n, { style: "percent", maximumFractionDigits: 1 });
    return format.number(n);
  };
  const tick = (v: unknown) => (unit === "yen" ? format.number(Number(v), { notation: "compact" }) : value(v));
  return (
    <figure aria-label={label} data-testid="analytics-chart" className="h-64 w-full sm:h-72">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={dataLabels ? dataTick : { fontSize: 11 }} interval="preserveStartEnd" minTickGap={8} />
          <YAxis allowDecimals={unit === "percent"} domain={unit === "percent" ? [0, 1] : undefined} tick={{ fontSize: 11 }} tickFormatter={tick} width={56} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(v) => value(v)} itemSorter={(item) => series.findIndex((s) => s.key === item.dataKey)} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={stacked ? "a" : undefined} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <ul className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-slate-700">
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
