"use client";

import { useRef, useState } from "react";
import type { ChargeDto } from "@/lib/charges/dto";
import { MAX_NAME_CHARS } from "@/lib/charges/validation";
import { useTranslations } from "next-intl";
import { useKeyTranslator } from "@/components/i18n/use-key-translator";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { DeadlineField } from "@/components/charges/deadline-field";
import { DuplicateWarning } from "@/components/charges/duplicate-warning";
import { ReminderCheckbox } from "@/components/charges/reminder-checkbox";
import { useNow } from "@/components/charges/use-now";
import { newIdempotencyKey } from "@/components/charges/idempotency-key";
import { EMPTY_VALUES, FIELDS, toRequestBody, validateCharge, type FieldErrors, type FieldName, type FormValues } from "@/components/charges/charge-form-values";

export type CreatedCharge = ChargeDto & { warnings: string[] };

// remindersAllowed: the shop-wide reminder setting (lib/settings/settings.ts).
type Props = { onCreated: (charge: CreatedCharge) => void; remindersAllowed: boolean };

const CHECKS = 10;
const CHECK_EVERY_MS = 3_000;

// autoComplete off: the browser would offer the staff member's own details, not the caller's.
const TEXT_FIELDS = [
  { name: "customerName", label: "new.customerName", type: "text" },
  { name: "customerEmail", label: "new.customerEmail", type: "email" },
  { name: "customerPhone", label: "new.customerPhone", type: "tel" },
] as const;

export function NewChargeForm({ onCreated, remindersAllowed }: Readonly<Props>) {
  const t = useTranslations();
  const tk = useKeyTranslator();
  const now = useNow();
  const [values, setValues] = useState<FormValues>(EMPTY_VALUES);
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);
  // The pending charge(s) the server thinks this order repeats (409 duplicate_suspected).
  const [duplicates, setDuplicates] = useState<ChargeDto[] | null>(null);
  const [duplicateReason, setDuplicateReason] = useState("");
  const [reminders, setReminders] = useState(true);
  // One key per form fill: a double click or a retry after a lost answer
  // reaches the server with the same key, so only one charge is ever made.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  const clientErrors = validateCharge(values, now);
  const errorsFor = (field: FieldName): string[] | undefined => {
    const server = serverErrors[field];
    if (server?.length) return server;
    if (!(touched[field] || submitted)) return undefined;
    return clientErrors[field]?.map((key) => tk(key, undefined, "v.invalid"));
  };

  const update = (field: FieldName) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setDuplicates(null); // the warning was about what was typed before
    setServerErrors(({ [field]: _dropped, ...rest }) => rest);
  };
  const touch = (field: FieldName) => () => setTouched((s) => ({ ...s, [field]: true }));

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void submit(false);
  }

  function onConfirmDuplicate() {
    if (!duplicateReason.trim()) {
      setServerErrors((s) => ({ ...s, duplicateReason: [tk("v.duplicateReason.required")] }));
      formRef.current?.querySelector<HTMLElement>('[name="duplicateReason"]')?.focus();
      return;
    }
    void submit(true);
  }

  async function submit(confirmDuplicate: boolean) {
    if (inFlight.current) return;
    setSubmitted(true);
    setTopError(null);
    const firstInvalid = FIELDS.find((f) => clientErrors[f]?.length);
    if (firstInvalid) {
      formRef.current?.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    inFlight.current = true;
    setBusy(true);
    const confirm = confirmDuplicate ? { confirmDuplicate: true, duplicateReason } : {};
    const body = { ...toRequestBody(values), reminders, ...confirm, idempotencyKey };
    const send = () => fetchJson<CreatedCharge>("/api/charges", { method: "POST", body }, t("new.networkError"));
    let res = await send();
    // 409: Omise's answer was lost or the same charge is still being made. Ask
    // again with the same key: the server looks the charge up, never re-creates it.
    // A suspected duplicate is a question for staff, not something to wait out.
    for (let check = 0; !res.ok && res.status === 409 && res.error.code !== "duplicate_suspected" && check < CHECKS; check++) {
      setChecking(true);
      await new Promise((r) => setTimeout(r, CHECK_EVERY_MS));
      res = await send();
    }
    setChecking(false);
    inFlight.current = false;
    setBusy(false);
    if (res.ok) {
      setIdempotencyKey(newIdempotencyKey());
      setDuplicates(null);
      setDuplicateReason("");
      onCreated(res.data);
      return;
    }
    if (res.error.code === "duplicate_suspected") {
      // Nothing was written, so the same key goes with the confirmed request.
      setDuplicates(res.error.duplicates ?? []);
      // On a phone the warning can render below the fold, under the button just pressed.
      requestAnimationFrame(() => formRef.current?.querySelector('[data-testid="duplicate-warning"]')?.scrollIntoView({ block: "nearest", behavior: "smooth" }));
      return;
    }
    setTopError(res.error.message);
    if (res.status === 422) {
      // The input has to change before a retry, so the retry is a new request.
      setIdempotencyKey(newIdempotencyKey());
      setServerErrors(res.error.fields ?? {});
    }
    // 409, 5xx and network errors keep the key: the retry finds the charge if it was made.
    window.scrollTo({ top: 0, behavior: "smooth" });
  }

  const nameLength = [...values.customerName.trim()].length;
  const showSummary = submitted && FIELDS.some((f) => clientErrors[f]?.length);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate data-testid="new-charge-form" className="space-y-5">
      {checking && (
        <Alert tone="warning" testId="checking-with-omise">
          {t("new.checking")}
        </Alert>
      )}
      {(topError || showSummary) && (
        <Alert tone="error" testId="form-error">
          {topError ?? t("err.validation")}
        </Alert>
      )}

      <div className="grid gap-5 sm:grid-cols-2">
        {TEXT_FIELDS.map((f) => (
          <FormField
            key={f.name}
            id={f.name}
            label={t(f.label)}
            errors={errorsFor(f.name)}
            hint={f.name === "customerName" ? `${nameLength}/${MAX_NAME_CHARS}` : undefined}
          >
            {(describedBy) => (
              <input
                id={f.name}
                name={f.name}
                type={f.type}
                autoComplete="off"
                value={values[f.name]}
                onChange={(e) => update(f.name)(e.target.value)}
                onBlur={touch(f.name)}
                aria-invalid={Boolean(errorsFor(f.name))}
                aria-describedby={describedBy}
                className={inputClass(Boolean(errorsFor(f.name)))}
              />
            )}
          </FormField>
        ))}
        <FormField id="amount" label={t("new.amount")} errors={errorsFor("amount")}>
          {(describedBy) => (
            <div className="relative">
              <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-slate-500">
                ¥
              </span>
              <input
                id="amount"
                name="amount"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={values.amount}
                onChange={(e) => update("amount")(e.target.value)}
                onBlur={touch("amount")}
                aria-invalid={Boolean(errorsFor("amount"))}
                aria-describedby={describedBy}
                className={`${inputClass(Boolean(errorsFor("amount")))} pl-7 text-lg font-semibold tabular-nums`}
              />
            </div>
          )}
        </FormField>
      </div>

      <DeadlineField
        now={now}
        value={values.expiresAt}
        errors={errorsFor("expiresAt")}
        onChange={update("expiresAt")}
        onBlur={touch("expiresAt")}
      />

      <FormField id="description" label={t("new.description")} errors={errorsFor("description")}>
        {(describedBy) => (
          <textarea
            id="description"
            name="description"
            rows={2}
            value={values.description}
            onChange={(e) => update("description")(e.target.value)}
            onBlur={touch("description")}
            aria-invalid={Boolean(errorsFor("description"))}
            aria-describedby={describedBy}
            className={inputClass(Boolean(errorsFor("description")))}
          />
        )}
      </FormField>

      <ReminderCheckbox checked={reminders} merchantEnabled={remindersAllowed} onChange={setReminders} />

      {duplicates && (
        <DuplicateWarning
          duplicates={duplicates}
          reason={duplicateReason}
          errors={serverErrors.duplicateReason}
          busy={busy}
          onReasonChange={(reason) => {
            setDuplicateReason(reason);
            setServerErrors(({ duplicateReason: _dropped, ...rest }) => rest);
          }}
          onConfirm={onConfirmDuplicate}
        />
      )}

      <Button type="submit" size="lg" disabled={busy || Boolean(duplicates)} data-testid="submit-charge" className="w-full sm:w-auto">
        {busy ? t("new.submitting") : t("new.submit")}
      </Button>
    </form>
  );
}
