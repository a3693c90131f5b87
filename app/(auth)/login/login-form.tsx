"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { startAuthentication, browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { SIGN_IN_ERROR, throttledRetryAfter } from "@/lib/auth/types";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { fetchJson } from "@/components/api/fetch-json";

type Step = "password" | "code";

export function LoginForm({ target }: Readonly<{ target: string }>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Kept across the code step, so the second factor is sent with the same email and password.
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [step, setStep] = useState<Step>("password");
  const t = useTranslations();

  async function attempt(extra: { code?: string; passkey?: string }) {
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", { email, password, ...extra, redirect: false });
    if (res?.ok && !res.error) {
      // Checked again here: only ever a path on this origin.
      window.location.assign(safeReturnPath(target));
      return;
    }
    setBusy(false);
    // Too many attempts (lib/auth/throttle.ts): the wait comes with the error.
    const wait = throttledRetryAfter(res?.error);
    if (wait !== null) return setError(t("login.throttled", { minutes: Math.ceil(wait / 60) }));
    switch (res?.error) {
      case SIGN_IN_ERROR.accountDisabled:
        return setError(t("login.accountDisabled"));
      case SIGN_IN_ERROR.codeRequired:
        return setStep("code");
      case SIGN_IN_ERROR.codeInvalid:
        setCode("");
        return setError(extra.passkey ? t("login.passkeyFailed") : t("login.codeInvalid"));
      case SIGN_IN_ERROR.codeThrottled:
        return setError(t("login.codeThrottled"));
      default:
        setStep("password");
        return setError(t("login.failed"));
    }
  }

  async function signInWithPasskey() {
    setError(null);
    setBusy(true);
    const challenge = await fetchJson<{ challengeId: string; options: Parameters<typeof startAuthentication>[0]["optionsJSON"] }>(
      "/api/passkeys/challenge",
      { method: "POST", body: {} },
      t("common.error"),
    );
    if (!challenge.ok) {
      setBusy(false);
      return setError(challenge.error.message);
    }
    try {
      const response = await startAuthentication({ optionsJSON: challenge.data.options });
      await attempt({ passkey: JSON.stringify({ challengeId: challenge.data.challengeId, response }) });
    } catch {
      setBusy(false);
      setError(t("login.passkeyFailed"));
    }
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void attempt(step === "code" ? { code } : {});
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="text-lg font-semibold">{t("login.title")}</h2>
      {step === "password" ? (
        <>
          <label className="block text-sm">
            {t("login.email")}
            <input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
          </label>
          <label className="block text-sm">
            {t("login.password")}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
            />
          </label>
        </>
      ) : (
        <div className="space-y-2" data-testid="code-step">
          <p className="text-sm text-slate-600">
            <span translate="no">{email}</span>
          </p>
          <label className="block text-sm">
            {t("login.code")}
            <input
              name="code"
              autoFocus
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              maxLength={64}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-describedby="code-help"
              className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-lg tracking-widest"
            />
          </label>
          <div id="code-help" className="space-y-1 text-xs text-slate-500">
            <p>{t("login.codeHelp")}</p>
            <p>{t("login.recoveryHint")}</p>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className="w-full rounded bg-emerald-600 py-2 font-semibold text-white hover:bg-emerald-700 disabled:opacity-60">
        {busy ? t("login.submitting") : step === "code" ? t("login.verify") : t("login.submit")}
      </button>
      {step === "code" && (
        <div className="flex flex-col gap-2">
          {browserSupportsWebAuthn() && (
            <button type="button" disabled={busy} onClick={() => void signInWithPasskey()} className="w-full rounded border border-slate-300 py-2 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60">
              {t("login.usePasskey")}
            </button>
          )}
          <button
            type="button"
            onClick={() => {
              setStep("password");
              setCode("");
              setPassword("");
              setError(null);
            }}
            className="text-sm text-slate-600 underline"
          >
            {t("login.startOver")}
          </button>
        </div>
      )}
    </form>
  );
}
