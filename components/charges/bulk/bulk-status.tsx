"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { tally, type BulkRun } from "@/components/charges/bulk/bulk-state";

type Props = { run: BulkRun; ignored: string[]; readyCount: number; invalidCount: number; paused: boolean };

/** Where a bulk run stands: how the file was read, the review summary or the progress, and how it ended. */
export function BulkStatus({ run, ignored, readyCount, invalidCount, paused }: Readonly<Props>) {
  const t = useTranslations();
  const counts = tally(run);
  const processed = counts.created + counts.failed + counts.duplicate;
  const toProcess = run.rows.length - counts.dropped - invalidCount;
  const encodingLabel = run.encoding === "shift_jis" ? t("bulk.encodingSjis") : t("bulk.encodingUtf8");

  return (
    <>
      <p className="text-sm text-slate-700" data-testid="bulk-read">
        {t("bulk.readAs", { encoding: encodingLabel, count: run.rows.length })}
      </p>
      {ignored.length > 0 && <p className="text-sm text-slate-600">{t("bulk.ignoredColumns", { columns: ignored.join(", ") })}</p>}
      {run.phase === "review" && (
        <p className="text-sm font-semibold" data-testid="bulk-summary" role="status">
          {t("bulk.summary", { total: run.rows.length, ready: readyCount, invalid: invalidCount, dropped: counts.dropped })}
        </p>
      )}
      {run.phase !== "review" && (
        <div className="space-y-1" data-testid="bulk-progress">
          <progress className="h-3 w-full" max={Math.max(toProcess, 1)} value={processed} aria-label={t("bulk.progress", { done: processed, total: toProcess })} />
          <p className="text-sm" role="status">
            {t("bulk.progress", { done: processed, total: toProcess })}
          </p>
        </div>
      )}
      {paused && (
        <Alert tone="warning" testId="bulk-paused">
          {t("bulk.paused")}
        </Alert>
      )}
      {run.phase === "done" && (
        <Alert tone="success" testId="bulk-finished">
          {t("bulk.finished", { created: counts.created, failed: counts.failed, duplicate: counts.duplicate })}
        </Alert>
      )}
    </>
  );
}
