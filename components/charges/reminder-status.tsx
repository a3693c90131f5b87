"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ChargeDetailDto } from "@/lib/charges/dto";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Props = { charge: ChargeDetailDto; canChange: boolean; onUpdated: (charge: ChargeDetailDto) => void };

/** Whether a reminder is planned, when (JST), or why not; staff turn it off (confirmed) or back on. */
export function ReminderStatus({ charge, canChange, onUpdated }: Readonly<Props>) {
  const t = useTranslations();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plan = charge.reminder;
  const pending = charge.status === "pending";

  async function change(remindersEnabled: boolean) {
    setBusy(true);
    setError(null);
    const res = await fetchJson<ChargeDetailDto>(`/api/charges/${encodeURIComponent(charge.id)}`, { method: "PATCH", body: { remindersEnabled } }, t("common.error"));
    setBusy(false);
    setConfirming(false);
    if (res.ok) onUpdated(res.data);
    else setError(res.error.message);
  }

  const text = "at" in plan ? t(`reminders.${plan.state}`, { at: t("format.jst", { at: new Date(plan.at) }) }) : t(`reminders.${plan.state}`);
  return (
    <div data-testid="reminder-status" data-state={plan.state} className="space-y-2">
      <p className="font-medium text-slate-900">{text}</p>
      {pending && <p className="text-xs text-slate-500">{t("reminders.rules")}</p>}
      {pending && canChange && (
        <div>
          {charge.remindersEnabled ? (
            <Button variant="secondary" size="sm" disabled={busy} onClick={() => setConfirming(true)} data-testid="reminders-turn-off">
              {t("reminders.turnOff")}
            </Button>
          ) : (
            <Button variant="secondary" size="sm" disabled={busy} onClick={() => void change(true)} data-testid="reminders-turn-on">
              {busy ? t("reminders.working") : t("reminders.turnOn")}
            </Button>
          )}
        </div>
      )}
      {error && (
        <Alert tone="error" testId="reminders-error">
          {error}
        </Alert>
      )}
      {confirming && (
        <ConfirmDialog
          title={t("reminders.turnOffTitle")}
          body={t("reminders.turnOffBody")}
          confirmLabel={t("reminders.turnOff")}
          cancelLabel={t("reminders.cancel")}
          busy={busy}
          testId="reminders-off-dialog"
          onConfirm={() => void change(false)}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
