"use client";

import { FormField, inputClass } from "@/components/ui/form-field";

type Props = { id: string; label: string; value: string; onChange: (value: string) => void; errors?: string[] };

/** The user's current password, asked again before a security change (enrolling 2FA, adding a passkey). */
export function CurrentPasswordField({ id, label, value, onChange, errors }: Readonly<Props>) {
  return (
    <FormField id={id} label={label} errors={errors}>
      {(describedBy) => (
        <input
          id={id}
          type="password"
          autoComplete="current-password"
          required
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          className={inputClass(Boolean(errors))}
        />
      )}
    </FormField>
  );
}

/** A code from the authenticator app (or a recovery code, hence up to 64 characters). */
export function CodeField({ id, label, value, onChange, errors, required = false }: Readonly<Props & { required?: boolean }>) {
  return (
    <FormField id={id} label={label} errors={errors}>
      {(describedBy) => (
        <input
          id={id}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={64}
          required={required}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          className={inputClass(Boolean(errors))}
        />
      )}
    </FormField>
  );
}
