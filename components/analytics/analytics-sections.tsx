import { getFormatter, getTranslations } from "next-intl/server";
import type { Analytics, Outcomes } from "@/lib/analytics/get-analytics";
import { AnalyticsCard } from "@/components/analytics/analytics-card";
import { AnalyticsChart } from "@/components/analytics/analytics-chart";
import { DataTable, type Cell } from "@/components/analytics/data-table";

const COLORS = { paid: "#059669", expired: "#94a3b8", failed: "#dc2626", rate: "#0284c7" } as const;
const KNOWN_FAILURES = new Set(["payment_cancelled", "timeout", "failed_processing"]);

/** Every chart of the analytics page, each with the table of its exact numbers. */
export async function AnalyticsSections({ data }: Readonly<{ data: Analytics }>) {
  const t = await getTranslations();
  const format = await getFormatter();
  const num = (n: number): Cell => ({ text: format.number(n), value: n });
  const yen = (n: number): Cell => ({ text: t("format.yen", { amount: n }), value: n });
  const rate = (r: number | null): Cell => ({ text: r === null ? t("analytics.noRate") : format.number(r, { style: "percent", maximumFractionDigits: 1 }), value: r });
  const outcomeCells = (o: Outcomes): Cell[] => [num(o.paid.count), num(o.expired.count), num(o.failed.count), rate(o.paidRate)];
  const outcomeHead = [t("analytics.col.paid"), t("analytics.col.expired"), t("analytics.col.failed"), t("analytics.col.rate")];
  const short = (day: string) => day.slice(5).replace("-", "/");
  const refundedOn = new Map(data.refunded.daily.map((d) => [d.day, d.amount]));
  const dailyCells = (o: Outcomes): Cell[] => [...outcomeCells(o), rate(o.expiredRate), rate(o.failedRate), num(o.reversed.count)];
  const dailyHead = [...outcomeHead, t("analytics.col.expiredRate"), t("analytics.col.failedRate"), t("analytics.col.reversed")];
  const rateSeries = [{ key: "rate", label: t("analytics.col.rate"), color: COLORS.rate }];

  const decided = data.totals.paid.count + data.totals.expired.count + data.totals.failed.count + data.totals.reversed.count;
  if (decided === 0 && data.payTime.count === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600" data-testid="analytics-empty">
        {t("analytics.empty")}
      </p>
    );
  }

  const bandCard = (testId: string, title: string, rows: { key: string; label: Cell; o: Outcomes }[], note?: string, dataLabels = false) => (
    <AnalyticsCard
      testId={testId}
      title={title}
      note={note ? <p className="mb-2 text-xs text-slate-500">{note}</p> : undefined}
      chart={<AnalyticsChart label={title} unit="percent" dataLabels={dataLabels} series={rateSeries} rows={rows.map((r) => ({ label: String(r.label.text), rate: r.o.paidRate ?? 0 }))} />}
      table={
        <DataTable
          testId={`${testId}-data`}
          head={[t("analytics.col.band"), ...outcomeHead]}
          rows={rows.map((r) => ({ key: r.key, cells: [r.label, ...outcomeCells(r.o)] }))}
        />
      }
    />
  );
  const pt = data.payTime;
  const hours = (h: number | null) => (h === null ? t("analytics.noRate") : t("analytics.payTime.hours", { hours: h }));

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <AnalyticsCard
        testId="analytics-outcomes"
        title={t("analytics.chart.outcomes")}
        chart={
          <AnalyticsChart
            label={t("analytics.chart.outcomes")}
            unit="count"
            stacked
            series={[
              { key: "paid", label: t("analytics.col.paid"), color: COLORS.paid },
              { key: "expired", label: t("analytics.col.expired"), color: COLORS.expired },
              { key: "failed", label: t("analytics.col.failed"), color: COLORS.failed },
            ]}
            rows={data.daily.map((d) => ({ label: short(d.day), paid: d.paid.count, expired: d.expired.count, failed: d.failed.count }))}
          />
        }
        table={
          <DataTable
            testId="analytics-outcomes-data"
            head={[t("analytics.col.day"), ...dailyHead]}
            rows={data.daily.map((d) => ({ key: d.day, cells: [{ text: d.day }, ...dailyCells(d)] }))}
            foot={[{ text: t("analytics.total") }, ...dailyCells(data.totals)]}
          />
        }
      />
      <AnalyticsCard
        testId="analytics-amounts"
        title={t("analytics.chart.amounts")}
        note={
          <p className="mb-2 text-xs text-slate-500" data-testid="analytics-refunds-note">
            {t("analytics.refundsNote", { count: data.refunded.awaiting.count, amount: t("format.yen", { amount: data.refunded.awaiting.amount }) })}
          </p>
        }
        chart={
          <AnalyticsChart
            label={t("analytics.chart.amounts")}
            unit="yen"
            series={[
              { key: "paid", label: t("analytics.col.paidAmount"), color: COLORS.paid },
              { key: "expired", label: t("analytics.col.expiredAmount"), color: COLORS.expired },
              { key: "refunded", label: t("analytics.col.refundedAmount"), color: COLORS.failed },
            ]}
            rows={data.daily.map((d) => ({ label: short(d.day), paid: d.paid.amount, expired: d.expired.amount, refunded: refundedOn.get(d.day) ?? 0 }))}
          />
        }
        table={
          <DataTable
            testId="analytics-amounts-data"
            head={[t("analytics.col.day"), t("analytics.col.paidAmount"), t("analytics.col.expiredAmount"), t("analytics.col.refundedAmount")]}
            rows={data.daily.map((d) => ({ key: d.day, cells: [{ text: d.day }, yen(d.paid.amount), yen(d.expired.amount), yen(refundedOn.get(d.day) ?? 0)] }))}
            foot={[{ text: t("analytics.total") }, yen(data.totals.paid.amount), yen(data.totals.expired.amount), yen(data.refunded.amount)]}
          />
        }
      />
      <AnalyticsCard
        testId="analytics-paytime"
        title={t("analytics.chart.payTime")}
        note={
          <div className="mb-2 space-y-1">
            <p className="text-sm font-medium text-slate-800" data-testid="analytics-paytime-summary" data-median={pt.median ?? undefined} data-p90={pt.p90 ?? undefined}>
              {pt.count === 0 ? t("analytics.payTime.none") : t("analytics.payTime.summary", { count: pt.count, median: hours(pt.median), p90: hours(pt.p90) })}
            </p>
            <p className="text-xs text-slate-500">{t("analytics.payTime.granularity")}</p>
          </div>
        }
        chart={
          <AnalyticsChart
            label={t("analytics.chart.payTime")}
            unit="count"
            series={[{ key: "count", label: t("analytics.col.count"), color: COLORS.paid }]}
            rows={pt.distribution.map((d) => ({ label: t(`analytics.time.${d.band}`), count: d.count }))}
          />
        }
        table={
          <DataTable
            testId="analytics-paytime-data"
            head={[t("analytics.col.time"), t("analytics.col.count")]}
            rows={pt.distribution.map((d) => ({ key: d.band, cells: [{ text: t(`analytics.time.${d.band}`) }, num(d.count)] }))}
            foot={[{ text: t("analytics.total") }, num(pt.count)]}
          />
        }
      />
      {bandCard(
        "analytics-deadline",
        t("analytics.chart.deadline"),
        data.byDeadline.map((b) => ({ key: b.band, label: { text: t(`analytics.deadline.${b.band}`) }, o: b })),
        t("analytics.deadlineRule"),
      )}
      {bandCard(
        "analytics-amount",
        t("analytics.chart.amount"),
        data.byAmount.map((b) => ({ key: b.band, label: { text: t(`analytics.amount.${b.band}`) }, o: b })),
      )}
      {bandCard(
        "analytics-staff",
        t("analytics.chart.staff"),
        data.byStaff.map((b) => ({ key: b.staffId, label: { text: b.name ?? b.staffId, noTranslate: true }, o: b })),
        undefined,
        true,
      )}
      <AnalyticsCard
        testId="analytics-failures"
        title={t("analytics.chart.failures")}
        chart={
          data.failureReasons.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-600">{t("analytics.empty")}</p>
          ) : (
            <AnalyticsChart
              label={t("analytics.chart.failures")}
              unit="count"
              dataLabels
              series={[{ key: "count", label: t("analytics.col.count"), color: COLORS.failed }]}
              rows={data.failureReasons.map((f) => ({ label: f.code || "—", count: f.count }))}
            />
          )
        }
        table={
          <DataTable
            testId="analytics-failures-data"
            head={[t("analytics.col.reason"), t("analytics.col.count"), t("analytics.col.amount")]}
            rows={data.failureReasons.map((f) => ({
              key: f.code,
              cells: [
                {
                  text: f.code === "" ? t("analytics.unknownReason") : KNOWN_FAILURES.has(f.code) ? <>{t(`failure.${f.code as "timeout"}`)} <code className="text-xs text-slate-500" translate="no">{f.code}</code></> : <code translate="no">{f.code}</code>,
                },
                num(f.count),
                yen(f.amount),
              ],
            }))}
          />
        }
      />
    </div>
  );
}
