import { getTranslations } from "next-intl/server";

// Shown while the analytics load.
export default async function AnalyticsLoading() {
  const t = await getTranslations();
  return (
    <div aria-busy="true" className="space-y-4" data-testid="analytics-loading">
      <p className="sr-only">{t("analytics.loading")}</p>
      <div className="animate-pulse space-y-4">
        <div className="h-8 w-56 rounded bg-slate-200" />
        <div className="h-24 w-full rounded-lg bg-slate-200" />
        {Array.from({ length: 3 }, (_, i) => (
          <div key={i} className="h-72 w-full rounded-lg bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
