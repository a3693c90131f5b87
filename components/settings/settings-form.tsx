"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { SettingsDto } from "@/lib/settings/settings";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** The shop-wide reminder switch. Turning it off cancels queued reminders, so it asks first. */
export function SettingsForm({ initial }: Readonly<{ initial: SettingsDto }>) {
  const t = useTranslations();
  const [saved, setSaved] = useState(initial);
  const [reminders, setReminders] = useState(initial.remindersEnabled);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setBusy(true);
    setError(null);
    setNotice(null);
    const res = await fetchJson<SettingsDto>("/api/settings", { method: "PATCH", body: { remindersEnabled: reminders } }, t("common.error"));
    setBusy(false);
    setConfirming(false);
    if (res.ok) {
      setSaved(res.data);
      setReminders(res.data.remindersEnabled);
      setNotice(t("merchant.saved"));
    } else setError(res.error.message);
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saved.remindersEnabled && !reminders) setConfirming(true);
    else void save();
  }

  return (
    <form onSubmit={onSubmit} data-testid="settings-form" className="space-y-4">
      <label className="flex items-start gap-2 text-sm font-semibold text-slate-800">
        <input
          type="checkbox"
          name="remindersEnabled"
          data-testid="settings-reminders"
          className="mt-0.5 h-5 w-5 shrink-0 accent-emerald-700"
          checked={reminders}
          aria-describedby="settings-reminders-help"
          onChange={(e) => {
            setReminders(e.target.checked);
            setNotice(null);
          }}
        />
        <span>{t("merchant.remindersLabel")}</span>
      </label>
      <p id="settings-reminders-help" className="pl-7 text-sm text-slate-600">
        {t("merchant.remindersHelp")}
      </p>
      <p data-testid="settings-reminders-state" className="pl-7 text-sm font-medium">
        {saved.remindersEnabled ? t("merchant.on") : t("merchant.off")}
      </p>
      {error && (
        <Alert tone="error" testId="settings-error">
          {error}
        </Alert>
      )}
      {notice && (
        <Alert tone="success" testId="settings-saved">
          {notice}
        </Alert>
      )}
      <Button type="submit" disabled={busy || reminders === saved.remindersEnabled} data-testid="settings-save">
        {busy ? t("merchant.saving") : t("merchant.save")}
      </Button>
      {confirming && (
        <ConfirmDialog
          title={t("merchant.offTitle")}
          body={t("merchant.offBody")}
          confirmLabel={t("merchant.offConfirm")}
          cancelLabel={t("merchant.cancel")}
          busy={busy}
          testId="settings-off-dialog"
          onConfirm={() => void save()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </form>
  );
}
