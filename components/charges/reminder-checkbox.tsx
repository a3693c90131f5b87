"use client";

import { useTranslations } from "next-intl";

type Props = { checked: boolean; merchantEnabled: boolean; onChange: (checked: boolean) => void };

/** The form's "remind the day before" option; off and explained while the shop has reminders off. */
export function ReminderCheckbox({ checked, merchantEnabled, onChange }: Readonly<Props>) {
  const t = useTranslations();
  return (
    <div className="space-y-1">
      <label className={`flex items-start gap-2 text-sm font-semibold ${merchantEnabled ? "text-slate-800" : "text-slate-500"}`}>
        <input
          type="checkbox"
          name="reminders"
          data-testid="reminders-checkbox"
          className="mt-0.5 h-5 w-5 shrink-0 accent-emerald-700"
          checked={merchantEnabled && checked}
          disabled={!merchantEnabled}
          aria-describedby="reminders-hint"
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{t("reminders.checkbox")}</span>
      </label>
      <p id="reminders-hint" data-testid="reminders-hint" className="pl-7 text-xs text-slate-500">
        {merchantEnabled ? t("reminders.checkboxHelp") : t("reminders.merchantOff")}
      </p>
    </div>
  );
}
