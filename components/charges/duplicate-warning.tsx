"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ChargeDto } from "@/lib/charges/dto";
import { MAX_DUPLICATE_REASON_CHARS } from "@/lib/charges/validation";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { StatusBadge } from "@/components/charges/status-badge";

type Props = {
  duplicates: ChargeDto[];
  reason: string;
  errors?: string[];
  busy: boolean;
  onReasonChange: (reason: string) => void;
  onConfirm: () => void;
};

/**
 * The answer to a 409 duplicate_suspected: the pending charge(s) this order may
 * repeat, each opening in a new tab so the form keeps what was typed, and the
 * way to go ahead with a reason that lands in the new charge's timeline.
 */
export function DuplicateWarning({ duplicates, reason, errors, busy, onReasonChange, onConfirm }: Readonly<Props>) {
  const t = useTranslations();
  return (
    <section data-testid="duplicate-warning" aria-labelledby="duplicate-title" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4">
      <h2 id="duplicate-title" className="font-semibold text-amber-900">
        {t("new.duplicate.title")}
      </h2>
      <p className="text-sm text-amber-900">{t("new.duplicate.help")}</p>
      <ul className="space-y-2">
        {duplicates.map((c) => (
          <li key={c.id} data-testid="duplicate-charge" className="rounded border border-amber-200 bg-white p-3 text-sm">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Link href={`/charges/${c.id}`} target="_blank" rel="noopener" className="font-semibold text-emerald-800 underline">
                {t("format.yen", { amount: c.amount })} <span translate="no">{c.customerName}</span>
              </Link>
              <StatusBadge status={c.status} />
            </div>
            <p className="mt-1 text-xs text-slate-600">{t("new.duplicate.created", { at: t("format.jst", { at: new Date(c.createdAt) }) })}</p>
          </li>
        ))}
      </ul>
      <FormField id="duplicateReason" label={t("new.duplicate.reason")} errors={errors}>
        {(describedBy) => (
          <textarea
            id="duplicateReason"
            name="duplicateReason"
            rows={2}
            maxLength={MAX_DUPLICATE_REASON_CHARS}
            value={reason}
            onChange={(e) => onReasonChange(e.target.value)}
            aria-invalid={Boolean(errors?.length)}
            aria-describedby={describedBy}
            className={inputClass(Boolean(errors?.length))}
          />
        )}
      </FormField>
      <Button variant="secondary" disabled={busy} onClick={onConfirm} data-testid="confirm-duplicate" className="w-full sm:w-auto">
        {busy ? t("new.submitting") : t("new.duplicate.confirm")}
      </Button>
    </section>
  );
}
