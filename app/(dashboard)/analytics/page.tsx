import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { getAnalytics, type Analytics } from "@/lib/analytics/get-analytics";
import { RANGE_PRESETS, parseAnalyticsRange, presetRange } from "@/lib/analytics/range";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { RangePicker } from "@/components/analytics/range-picker";
import { AnalyticsSections } from "@/components/analytics/analytics-sections";
import { PageMessages } from "@/components/i18n/page-messages";

type SearchParams = Record<"from" | "to", string | string[] | undefined>;
const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("analytics.title") };
}

export default async function AnalyticsPage({ searchParams }: Readonly<{ searchParams: Promise<SearchParams> }>) {
  const user = await requirePageUser("/analytics");
  const t = await getTranslations();
  if (!can(user, "readAnalytics")) {
    return (
      <PageMessages namespaces={["analytics"]}>
        <Alert tone="error" testId="forbidden">
          {t("err.forbidden")}
        </Alert>
      </PageMessages>
    );
  }
  const sp = await searchParams;
  const now = new Date();
  let data: Analytics | null = null;
  let problem: string | null = null;
  try {
    data = await getAnalytics({ query: { from: single(sp.from), to: single(sp.to) }, now });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const first = Object.values(err.fields ?? {})[0]?.[0];
    problem = first && t.has(first as never) ? t(first as never) : t(err.message as never);
  }
  // A bad range is shown with the default one's picker, so the user can correct it.
  const shown = data?.range ?? parseAnalyticsRange({}, now);
  return (
    <PageMessages namespaces={["analytics"]}>
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t("analytics.title")}</h1>
        <p className="text-sm text-slate-600" data-testid="analytics-definition">{t("analytics.definition")}</p>
        <Card>
          <RangePicker from={single(sp.from) ?? shown.from} to={single(sp.to) ?? shown.to} presets={RANGE_PRESETS.map((days) => ({ days, ...presetRange(days, now) }))} />
        </Card>
        {problem && (
          <Alert tone="error" testId="analytics-error">
            {problem}
          </Alert>
        )}
        {data && (
          <>
            <p className="text-sm font-medium text-slate-700" data-testid="analytics-showing" data-from={data.range.from} data-to={data.range.to}>
              {t("analytics.range.showing", { from: data.range.from, to: data.range.to, days: data.range.days })}
            </p>
            <AnalyticsSections data={data} />
          </>
        )}
      </div>
    </PageMessages>
  );
}
