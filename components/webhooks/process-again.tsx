"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Outcome = "processed" | "failed" | "already_processed";

/** "Process again" on one stored event: asks first, then shows what happened and reloads the facts. */
export function ProcessAgain({ eventId }: Readonly<{ eventId: string }>) {
  const t = useTranslations();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "warning" | "error"; message: string } | null>(null);

  async function run() {
    setBusy(true);
    const res = await fetchJson<{ outcome: Outcome }>(`/api/webhooks/events/${encodeURIComponent(eventId)}/process`, { method: "POST", body: {} }, t("webhooks.process.network"));
    setBusy(false);
    setAsking(false);
    if (!res.ok) return setResult({ tone: "error", message: res.error.message });
    const o = res.data.outcome;
    setResult({ tone: o === "failed" ? "error" : o === "processed" ? "success" : "warning", message: t(`webhooks.process.${o}`) });
    router.refresh();
  }

  return (
    <div className="space-y-2">
      <Button variant="secondary" onClick={() => setAsking(true)} disabled={busy} data-testid="webhook-process">
        {busy ? t("webhooks.process.busy") : t("webhooks.process.button")}
      </Button>
      {result && (
        <Alert tone={result.tone} testId="webhook-process-result">
          {result.message}
        </Alert>
      )}
      {asking && (
        <ConfirmDialog
          testId="webhook-process-dialog"
          title={t("webhooks.process.confirmTitle")}
          body={t("webhooks.process.confirmBody")}
          confirmLabel={busy ? t("webhooks.process.busy") : t("webhooks.process.confirm")}
          cancelLabel={t("webhooks.process.cancel")}
          busy={busy}
          onConfirm={() => void run()}
          onCancel={() => setAsking(false)}
        />
      )}
    </div>
  );
}
