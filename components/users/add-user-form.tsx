"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { ROLES, type Role } from "@/lib/auth/types";
import { toRole } from "@/components/users/to-role";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";

type Values = { name: string; email: string; password: string; role: Role };
const EMPTY: Values = { name: "", email: "", password: "", role: "staff" };

const TEXT_FIELDS: { name: "name" | "email" | "password"; label: "users.name" | "users.email" | "users.password"; type: string; autoComplete: string }[] = [
  { name: "name", label: "users.name", type: "text", autoComplete: "off" },
  { name: "email", label: "users.email", type: "email", autoComplete: "off" },
  // new-password stops the browser filling in the admin's own password.
  { name: "password", label: "users.password", type: "password", autoComplete: "new-password" },
];

export function AddUserForm() {
  const t = useTranslations();
  const router = useRouter();
  const [values, setValues] = useState<Values>(EMPTY);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    const res = await fetchJson("/api/users", { method: "POST", body: values }, t("common.error"));
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      setFields(res.error.fields ?? {});
      return;
    }
    setValues(EMPTY);
    setFields({});
    setDone(true);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate data-testid="add-user-form" className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      {done && <Alert tone="success">{t("users.created")}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        {TEXT_FIELDS.map((f) => (
          <FormField key={f.name} id={`user-${f.name}`} label={t(f.label)} errors={fields[f.name]}>
            {(describedBy) => (
              <input
                id={`user-${f.name}`}
                name={f.name}
                type={f.type}
                autoComplete={f.autoComplete}
                value={values[f.name]}
                onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
                aria-invalid={Boolean(fields[f.name])}
                aria-describedby={describedBy}
                className={inputClass(Boolean(fields[f.name]))}
              />
            )}
          </FormField>
        ))}
        <FormField id="user-role" label={t("users.role")} errors={fields.role}>
          {(describedBy) => (
            <select
              id="user-role"
              name="role"
              value={values.role}
              onChange={(e) => setValues((v) => ({ ...v, role: toRole(e.target.value) }))}
              aria-describedby={describedBy}
              className={inputClass(Boolean(fields.role))}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <Button type="submit" disabled={busy} data-testid="add-user-submit">
        {t("users.add")}
      </Button>
    </form>
  );
}
