"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useKeyTranslator } from "@/components/i18n/use-key-translator";
import { fetchJson } from "@/components/api/fetch-json";
import { newIdempotencyKey } from "@/components/charges/idempotency-key";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { issuesByField } from "@/components/refunds/refund-values";
import { ACCOUNT_TYPES, normalizeHolderKana } from "@/lib/refunds/validation";
import type { RefundDto } from "@/lib/refunds/dto";

type Props = { chargeId: string; max: number; onCreated: (refund: RefundDto) => void };
type Values = { amount: string; bankCode: string; branchCode: string; accountType: string; accountNumber: string; holderKana: string; reason: string };
type Field = keyof Values;
const EMPTY: Values = { amount: "", bankCode: "", branchCode: "", accountType: "ordinary", accountNumber: "", holderKana: "", reason: "" };
const DIGIT_FIELDS = [
  { name: "bankCode", maxLength: 4 },
  { name: "branchCode", maxLength: 3 },
  { name: "accountNumber", maxLength: 7 },
] as const;

/** The refund request: validated as staff type, with the same schema the API uses. */
export function RefundForm({ chargeId, max, onCreated }: Readonly<Props>) {
  const t = useTranslations();
  const tk = useKeyTranslator();
  const [values, setValues] = useState<Values>({ ...EMPTY, amount: String(max) });
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per form fill: a double click reaches the server with the same key, one refund.
  const [key, setKey] = useState(newIdempotencyKey);
  const inFlight = useRef(false);

  const body = { ...values, amount: values.amount.trim() === "" ? Number.NaN : Number(values.amount.normalize("NFKC")) };
  const clientErrors = issuesByField(body, max);
  const errorsFor = (f: Field) => serverErrors[f] ?? (touched[f] || submitted ? clientErrors[f]?.map((k) => tk(k, undefined, "v.invalid")) : undefined);
  const set = (f: Field) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [f]: e.target.value }));
    setServerErrors(({ [f]: _dropped, ...rest }) => rest);
  };
  const touch = (f: Field) => () => setTouched((s) => ({ ...s, [f]: true }));

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSubmitted(true);
    setTopError(null);
    if (Object.keys(clientErrors).length > 0 || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    const res = await fetchJson<RefundDto>(`/api/charges/${encodeURIComponent(chargeId)}/refunds`, { method: "POST", body: { ...body, reason: values.reason || undefined }, headers: { "Idempotency-Key": key } }, t("refunds.err.generic"));
    inFlight.current = false;
    setBusy(false);
    if (!res.ok) {
      setServerErrors(res.error.fields ?? {});
      setTopError(res.error.message);
      return;
    }
    setValues({ ...EMPTY, amount: "" });
    setTouched({});
    setSubmitted(false);
    setKey(newIdempotencyKey());
    onCreated(res.data);
  }

  const kanaPreview = normalizeHolderKana(values.holderKana);
  return (
    <form noValidate onSubmit={(e) => void onSubmit(e)} data-testid="refund-form" className="space-y-3" aria-busy={busy}>
      <h3 className="font-semibold text-slate-800">{t("refunds.form.title")}</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="refund-amount" label={t("refunds.form.amount")} errors={errorsFor("amount")} hint={t("refunds.form.amountHelp", { max: t("format.yen", { amount: max }) })}>
          {(d) => <input id="refund-amount" name="amount" inputMode="numeric" autoComplete="off" value={values.amount} onChange={set("amount")} onBlur={touch("amount")} aria-describedby={d} aria-invalid={Boolean(errorsFor("amount"))} className={inputClass(Boolean(errorsFor("amount")))} />}
        </FormField>
        <FormField id="refund-accountType" label={t("refunds.form.accountType")} errors={errorsFor("accountType")}>
          {(d) => (
            <select id="refund-accountType" name="accountType" value={values.accountType} onChange={set("accountType")} aria-describedby={d} className={inputClass(Boolean(errorsFor("accountType")))}>
              {ACCOUNT_TYPES.map((a) => (
                <option key={a} value={a}>
                  {t(`refunds.accountType.${a}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {DIGIT_FIELDS.map(({ name, maxLength }) => (
          <FormField key={name} id={`refund-${name}`} label={t(`refunds.form.${name}`)} errors={errorsFor(name)} hint={t(`refunds.form.${name}Help`)}>
            {(d) => (
              <input id={`refund-${name}`} name={name} inputMode="numeric" autoComplete="off" maxLength={maxLength + 2} value={values[name]} onChange={set(name)} onBlur={touch(name)} aria-describedby={d} aria-invalid={Boolean(errorsFor(name))} className={inputClass(Boolean(errorsFor(name)))} />
            )}
          </FormField>
        ))}
        <FormField id="refund-holderKana" label={t("refunds.form.holderKana")} errors={errorsFor("holderKana")} hint={
            <>
              {t.rich("refunds.form.holderKanaHelp", { jp: (c) => <span lang="ja">{c}</span> })}
              {kanaPreview && kanaPreview !== values.holderKana && (
                <span data-testid="holder-preview" className="block">
                  {t.rich("refunds.form.holderPreview", { kana: kanaPreview, n: (c) => <span translate="no">{c}</span> })}
                </span>
              )}
            </>
          }>
          {(d) => <input id="refund-holderKana" name="holderKana" autoComplete="off" value={values.holderKana} onChange={set("holderKana")} onBlur={touch("holderKana")} aria-describedby={d} aria-invalid={Boolean(errorsFor("holderKana"))} className={inputClass(Boolean(errorsFor("holderKana")))} />}
        </FormField>
      </div>
      <FormField id="refund-reason" label={t("refunds.form.reason")} errors={errorsFor("reason")}>
        {(d) => <input id="refund-reason" name="reason" autoComplete="off" value={values.reason} onChange={set("reason")} onBlur={touch("reason")} aria-describedby={d} className={inputClass(Boolean(errorsFor("reason")))} />}
      </FormField>
      <p className="text-xs text-slate-500">{t("refunds.form.encrypted")}</p>
      {topError && <Alert tone="error" testId="refund-error">{topError}</Alert>}
      <Button type="submit" disabled={busy} data-testid="refund-submit">
        {busy ? t("refunds.form.submitting") : t("refunds.form.submit")}
      </Button>
    </form>
  );
}
