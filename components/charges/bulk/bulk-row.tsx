"use client";

import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { BULK_FIELDS, type FieldName } from "@/lib/charges/bulk-csv";
import type { FieldErrors } from "@/components/charges/charge-form-values";
import type { KeyTranslator } from "@/lib/i18n/translate-key";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import type { BulkRow } from "@/components/charges/bulk/bulk-state";

const TONE: Record<string, string> = {
  ready: "bg-slate-100 text-slate-800",
  invalid: "bg-red-100 text-red-800",
  creating: "bg-sky-100 text-sky-900",
  created: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-800",
  duplicate: "bg-amber-100 text-amber-900",
  dropped: "bg-slate-200 text-slate-600",
};

type Props = {
  row: BulkRow;
  editable: boolean;
  clientErrors: FieldErrors;
  translateKey: KeyTranslator;
  busy: boolean;
  onChange: (field: FieldName, value: string) => void;
  onDrop: () => void;
  onRetry: (duplicateReason?: string) => void;
};

/** One row of the file: what it will create, its errors in place, and fixing or dropping it. */
export function BulkRowItem({ row, editable, clientErrors, translateKey, busy, onChange, onDrop, onRetry }: Readonly<Props>) {
  const t = useTranslations();
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState("");
  const errorsOf = (f: FieldName): string[] | undefined => row.fields?.[f] ?? clientErrors[f]?.map((k) => translateKey(k, undefined, "v.invalid"));
  const hasErrors = BULK_FIELDS.some((f) => errorsOf(f)?.length);
  const shown = row.state === "ready" && hasErrors ? "invalid" : row.state;
  const canEdit = editable && (row.state === "ready" || row.state === "failed");
  const id = (f: string) => `bulk-${row.n}-${f}`;

  return (
    <li className="space-y-2 p-3" data-testid={`bulk-row-${row.n}`} data-state={shown}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold">{t("bulk.row", { n: row.n })}</span>
        <span className={`rounded px-2 py-0.5 text-xs font-semibold ${TONE[shown] ?? ""}`} data-testid={`bulk-row-${row.n}-state`}>
          {t(`bulk.state.${shown}`)}
        </span>
        <span className="min-w-0 flex-1 truncate text-sm" translate="no">
          {row.values.customerName} · {row.values.customerEmail} · {row.values.customerPhone} · {row.values.amount}
        </span>
        {canEdit && (
          <Button size="sm" variant="secondary" data-testid={`bulk-row-${row.n}-edit`} onClick={() => setEditing((e) => !e)}>
            {editing ? t("bulk.done") : t("bulk.edit")}
          </Button>
        )}
        {editable && (row.state === "ready" || row.state === "dropped") && (
          <Button size="sm" variant="ghost" data-testid={`bulk-row-${row.n}-drop`} onClick={onDrop}>
            {row.state === "dropped" ? t("bulk.restore") : t("bulk.drop")}
          </Button>
        )}
        {row.state === "failed" && !busy && (
          <Button size="sm" data-testid={`bulk-row-${row.n}-retry`} disabled={hasErrors} onClick={() => onRetry()}>
            {t("bulk.resume")}
          </Button>
        )}
        {row.chargeId && (
          <Link className="text-sm font-semibold text-emerald-800 underline" href={`/charges/${encodeURIComponent(row.chargeId)}`} data-testid={`bulk-row-${row.n}-open`}>
            {t("bulk.open")}
          </Link>
        )}
      </div>
      {row.state === "dropped" && <p className="text-sm text-slate-500">{t("bulk.dropped")}</p>}
      {row.error && row.state !== "ready" && (
        <p className="text-sm font-medium text-red-700" role="alert">
          {row.error}
        </p>
      )}
      {row.mail === "queued" && <p className="text-sm text-emerald-800">{t("bulk.mailQueued")}</p>}
      {row.mail === "failed" && <p className="text-sm text-red-700">{t("bulk.mailFailed", { message: row.mailError ?? "" })}</p>}
      {!editing && hasErrors && (row.state === "ready" || row.state === "failed") && (
        <ul className="space-y-0.5 text-sm text-red-700" data-testid={`bulk-row-${row.n}-errors`}>
          {BULK_FIELDS.flatMap((f) => (errorsOf(f) ?? []).map((e) => <li key={`${f}-${e}`}>{`${t(`bulk.field.${f}`)}: ${e}`}</li>))}
        </ul>
      )}
      {editing && canEdit && (
        <div className="grid gap-3 sm:grid-cols-2">
          {BULK_FIELDS.map((f) => (
            <FormField key={f} id={id(f)} label={t(`bulk.field.${f}`)} errors={errorsOf(f)}>
              {(describedBy) => (
                <input
                  id={id(f)}
                  className={inputClass(Boolean(errorsOf(f)?.length))}
                  value={row.values[f]}
                  aria-describedby={describedBy}
                  inputMode={f === "amount" || f === "customerPhone" ? "numeric" : undefined}
                  onChange={(e) => onChange(f, e.target.value)}
                />
              )}
            </FormField>
          ))}
        </div>
      )}
      {row.state === "duplicate" && (
        <div className="space-y-2 rounded-md bg-amber-50 p-2">
          <p className="text-sm">{t("bulk.duplicateHelp")}</p>
          <ul className="text-sm">
            {(row.duplicateOf ?? []).map((d) => (
              <li key={d}>
                <Link className="underline" href={`/charges/${encodeURIComponent(d)}`} translate="no">
                  {d}
                </Link>
              </li>
            ))}
          </ul>
          <FormField id={id("reason")} label={t("bulk.duplicateReason")}>
            {(describedBy) => <input id={id("reason")} className={inputClass(false)} value={reason} aria-describedby={describedBy} onChange={(e) => setReason(e.target.value)} />}
          </FormField>
          <Button size="sm" data-testid={`bulk-row-${row.n}-anyway`} disabled={!reason.trim() || busy} onClick={() => onRetry(reason.trim())}>
            {t("bulk.createAnyway")}
          </Button>
        </div>
      )}
    </li>
  );
}
