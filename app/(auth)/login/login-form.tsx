"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { SIGN_IN_ERROR, throttledRetryAfter } from "@/lib/auth/types";
import { safeReturnPath } from "@/lib/http/safe-return-path";

export function LoginForm({ target }: Readonly<{ target: string }>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = useTranslations();

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    if (res?.ok && !res.error) {
      // Checked again here: only ever a path on this origin.
      window.location.assign(safeReturnPath(target));
      return;
    }
    setBusy(false);
    const wait = throttledRetryAfter(res?.error);
    if (wait !== null) setError(t("login.throttled", { minutes: Math.ceil(wait / 60) }));
    else setError(res?.error === SIGN_IN_ERROR.accountDisabled ? t("login.accountDisabled") : t("login.failed"));
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="text-lg font-semibold">{t("login.title")}</h2>
      <label className="block text-sm">
        {t("login.email")}
        <input name="email" type="email" autoComplete="username" required className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <label className="block text-sm">
        {t("login.password")}
        <input name="password" type="password" autoComplete="current-password" required className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className="w-full rounded bg-emerald-600 py-2 font-semibold text-white hover:bg-emerald-700 disabled:opacity-60">
        {busy ? t("login.submitting") : t("login.submit")}
      </button>
    </form>
  );
}
