"use client";

import { resolveDeadline } from "@/lib/charges/deadline";
import { useTranslations } from "next-intl";
import { jstDateKey } from "@/lib/format";
import { DAY_MS } from "@/lib/time/jst";
import { FormField, inputClass } from "@/components/ui/form-field";

const QUICK_DAYS = [3, 7, 14, 30] as const;
type Props = {
  now: Date;
  value: string;
  errors?: string[];
  onChange: (value: string) => void;
  onBlur: () => void;
};

/**
 * The deadline as typed plus, always, the absolute JST date and time it
 * resolves to, so staff can read "pay by …" to the customer before creating.
 */
export function DeadlineField({ now, value, errors, onChange, onBlur }: Readonly<Props>) {
  const t = useTranslations();
  const resolved = resolveDeadline(value, now);
  const invalid = Boolean(errors?.length);
  return (
    <FormField id="expiresAt" label={t("new.deadline")} errors={errors} hint={t("new.deadlineHelp")}>
      {(describedBy) => (
        <>
          <div className="flex flex-wrap gap-2">
            <input
              id="expiresAt"
              name="expiresAt"
              type="text"
              inputMode="text"
              autoComplete="off"
              spellCheck={false}
              placeholder={t("new.deadlinePlaceholderShort")}
              value={value}
              onChange={(e) => onChange(e.target.value)}
              onBlur={onBlur}
              aria-invalid={invalid}
              aria-describedby={[describedBy, "deadline-preview"].filter(Boolean).join(" ")}
              className={`${inputClass(invalid)} min-w-0 flex-1 basis-56`}
            />
            <div className="flex flex-wrap gap-1">
              {QUICK_DAYS.map((days) => (
                <button
                  key={days}
                  type="button"
                  onClick={() => onChange(jstDateKey(new Date(now.getTime() + days * DAY_MS)))}
                  className="rounded-full border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
                >
                  {t("new.inDays", { days })}
                </button>
              ))}
            </div>
          </div>
          {resolved.ok && (
            <div id="deadline-preview" aria-live="polite" className="rounded-md bg-emerald-50 px-3 py-2">
              {/* The default deadline follows the clock, read from the request's `now` on both sides. */}
              <p data-testid="deadline-preview" className="text-lg font-bold text-emerald-900">
                {t("new.deadlinePreview", { date: t("format.jst", { at: resolved.expiresAt }) })}
              </p>
              {resolved.warnings.map((w) => (
                <p key={w} data-testid="deadline-warning" className="mt-1 text-sm font-medium text-amber-800">
                  {t(w)}
                </p>
              ))}
            </div>
          )}
        </>
      )}
    </FormField>
  );
}
