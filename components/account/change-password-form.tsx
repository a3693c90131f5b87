"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { PasswordMeter } from "@/components/account/password-meter";

type Values = { currentPassword: string; newPassword: string };

/** POST /api/account/password; after a forced change (an admin reset) it continues to `next`. */
export function ChangePasswordForm({ next }: Readonly<{ next: string | null }>) {
  const t = useTranslations();
  const [values, setValues] = useState<Values>({ currentPassword: "", newPassword: "" });
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    const res = await fetchJson("/api/account/password", { method: "POST", body: values }, t("common.error"));
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      setFields(res.error.fields ?? {});
      return;
    }
    setFields({});
    setValues({ currentPassword: "", newPassword: "" });
    if (next) {
      window.location.assign(next);
      return;
    }
    setDone(true);
  }

  const field = (name: keyof Values, label: string, autoComplete: string, extra?: React.ReactNode) => (
    <FormField id={`pw-${name}`} label={label} errors={fields[name]} hint={extra}>
      {(describedBy) => (
        <input
          id={`pw-${name}`}
          name={name}
          type="password"
          autoComplete={autoComplete}
          maxLength={512}
          value={values[name]}
          onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
          aria-invalid={Boolean(fields[name])}
          aria-describedby={describedBy}
          className={inputClass(Boolean(fields[name]))}
        />
      )}
    </FormField>
  );

  return (
    <form onSubmit={onSubmit} noValidate data-testid="change-password-form" className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      {done && <Alert tone="success" testId="password-changed">{t("account.changed")}</Alert>}
      {field("currentPassword", t("account.currentPassword"), "current-password")}
      {field(
        "newPassword",
        t("account.newPassword"),
        "new-password",
        <div className="space-y-2">
          <PasswordMeter password={values.newPassword} id="pw-meter" />
          <p>{t("account.newPasswordHint")}</p>
        </div>,
      )}
      <Button type="submit" disabled={busy} data-testid="change-password-submit">
        {busy ? t("account.working") : t("account.submit")}
      </Button>
    </form>
  );
}
