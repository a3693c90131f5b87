"use client";

import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DiscardDialog } from "@/components/charges/bulk/bulk-upload";
import type { BulkRun } from "@/components/charges/bulk/bulk-state";

/** A run left by a reload or a closed tab, offered back: resume it, or discard it after a confirmation. */
export function BulkResume({ saved, onResume, onDiscard }: Readonly<{ saved: BulkRun; onResume: () => void; onDiscard: () => void }>) {
  const t = useTranslations();
  const format = useFormatter();
  const [asking, setAsking] = useState(false);
  const done = saved.rows.filter((r) => r.state !== "ready" && r.state !== "creating").length;
  return (
    <div className="space-y-3" data-testid="bulk-resume">
      <Alert tone="warning">
        <p className="font-semibold">{t("bulk.resumeTitle", { file: saved.fileName, at: format.dateTime(new Date(saved.startedAt), "short") })}</p>
        <p>{t("bulk.resumeBody", { done, total: saved.rows.length })}</p>
      </Alert>
      <div className="flex flex-wrap gap-2">
        <Button data-testid="bulk-resume-button" onClick={onResume}>
          {t("bulk.resume")}
        </Button>
        <Button variant="secondary" data-testid="bulk-discard" onClick={() => setAsking(true)}>
          {t("bulk.discard")}
        </Button>
      </div>
      {asking && (
        <DiscardDialog
          onConfirm={() => {
            setAsking(false);
            onDiscard();
          }}
          onCancel={() => setAsking(false)}
        />
      )}
    </div>
  );
}
