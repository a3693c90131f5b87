"use client";

import { useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

type Props = { testId: string; title: string; note?: ReactNode; chart: ReactNode; table: ReactNode };

/** One analytics chart with a toggle to the table of its exact numbers. */
export function AnalyticsCard({ testId, title, note, chart, table }: Readonly<Props>) {
  const t = useTranslations();
  const [showTable, setShowTable] = useState(false);
  return (
    <section data-testid={testId} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-800">{title}</h2>
        <Button variant="secondary" size="sm" aria-pressed={showTable} data-testid={`${testId}-toggle`} onClick={() => setShowTable((v) => !v)}>
          {showTable ? t("analytics.view.chart") : t("analytics.view.table")}
        </Button>
      </div>
      {note}
      {showTable ? <div className="overflow-x-auto" data-testid={`${testId}-table`}>{table}</div> : chart}
    </section>
  );
}
