import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { getOverview } from "@/lib/charges/get-overview";
import { Card } from "@/components/ui/card";
import { StatCard } from "@/components/overview/stat-card";
import { DailyChart } from "@/components/overview/daily-chart";
import { NARROW_DAYS } from "@/components/overview/chart-range";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("overview.title") };
}

export default async function OverviewPage() {
  await requirePageUser("/");
  const t = await getTranslations();
  const o = await getOverview();
  const cards = [
    { testId: "stat-pending", label: t("overview.pending"), stat: o.pending, tone: "amber", href: "/charges?status=pending" },
    { testId: "stat-paid-today", label: t("overview.paidToday"), stat: o.paidToday, tone: "emerald" },
    { testId: "stat-paid-month", label: t("overview.paidMonth"), stat: o.paidMonth, tone: "emerald", href: "/charges?status=successful" },
    { testId: "stat-expired-month", label: t("overview.expiredMonth"), stat: o.expiredMonth, tone: "slate", href: "/charges?status=expired" },
  ] as const;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("overview.title")}</h1>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {cards.map(({ stat, ...card }) => (
          <StatCard key={card.testId} {...card} amount={stat.amount} countText={t("overview.count", { count: stat.count })} />
        ))}
      </div>
      {/* The urgent part of the expiring-soon queue: pending, deadline within the next 24 hours. */}
      <Link
        href="/charges/expiring"
        data-testid="stat-expiring-soon"
        className="flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-lg border border-l-4 border-slate-200 border-l-red-500 bg-white p-4 shadow-sm hover:bg-slate-50"
      >
        <span className="text-sm font-medium text-slate-600">{t("overview.expiringSoon")}</span>
        <span data-testid="stat-expiring-soon-count" className="text-2xl font-bold tabular-nums">
          {t("overview.count", { count: o.expiringSoon })}
        </span>
        <span className="ml-auto text-sm text-emerald-700">{t("overview.expiringSoonLink")} →</span>
      </Link>
      <Card
        title={
          <>
            <span className="sm:hidden">{t("overview.chartDays", { days: NARROW_DAYS })}</span>
            <span className="hidden sm:inline">{t("overview.chart")}</span>
          </>
        }
      >
        <DailyChart
          data={o.daily}
          title={t("overview.chart")}
          narrowTitle={t("overview.chartDays", { days: NARROW_DAYS })}
          paidLabel={t("overview.paid")}
          expiredLabel={t("overview.expired")}
        />
      </Card>
    </div>
  );
}
