"use client";

import { useCallback, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import type { PasskeyDto } from "@/lib/auth/passkeys";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useApi } from "@/components/account/use-api";
import { CurrentPasswordField } from "@/components/account/account-fields";

/** The user's passkeys: the list, adding one (password, then the browser's prompt), removing one after a confirmation. */
export function PasskeysCard({ passkeys }: Readonly<{ passkeys: PasskeyDto[] }>) {
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const api = useApi();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<PasskeyDto | null>(null);

  async function register(e: React.FormEvent) {
    e.preventDefault();
    setNotice(null);
    if (!browserSupportsWebAuthn()) return api.setError({ code: "passkey", message: t("security.passkeyUnsupported") });
    const opts = await api.call<{ challengeId: string; options: Parameters<typeof startRegistration>[0]["optionsJSON"] }>("/api/account/passkeys/options", { password });
    if (!opts) return;
    let response;
    try {
      response = await startRegistration({ optionsJSON: opts.options });
    } catch {
      api.setError({ code: "passkey", message: t("security.passkeyCancelled") });
      return;
    }
    const saved = await api.call<PasskeyDto>("/api/account/passkeys", { challengeId: opts.challengeId, name, response });
    if (!saved) return;
    setName("");
    setPassword("");
    setNotice(t("security.passkeyAdded"));
    router.refresh();
  }

  async function remove(p: PasskeyDto) {
    const r = await api.call<null>(`/api/account/passkeys/${p.id}`, undefined, "DELETE");
    setRemoving(null);
    if (r === undefined) return;
    setNotice(t("security.removed"));
    router.refresh();
  }
  const cancel = useCallback(() => setRemoving(null), []);

  return (
    <Card title={t("security.passkeysTitle")}>
      <div className="space-y-4">
        <p className="text-sm text-slate-600">{t("security.passkeysHelp")}</p>
        {notice && <Alert tone="success">{notice}</Alert>}
        {api.error && !Object.keys(api.fields).length && <Alert tone="error">{api.error.message}</Alert>}
        {passkeys.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="no-passkeys">
            {t("security.noPasskeys")}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="passkey-list">
            {passkeys.map((p) => (
              <li key={p.id} data-testid="passkey-row" className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <div className="min-w-0">
                  <div translate="no" className="font-medium break-words">
                    {p.name}
                  </div>
                  <div className="text-xs text-slate-500">
                    {t("security.passkeyCreated", { at: format.dateTime(new Date(p.createdAt), "short") })} ·{" "}
                    {p.lastUsedAt ? t("security.passkeyLastUsed", { at: format.dateTime(new Date(p.lastUsedAt), "short") }) : t("security.passkeyNeverUsed")}
                  </div>
                </div>
                <Button size="sm" variant="ghost" className="border border-red-200 text-red-700 hover:bg-red-50" onClick={() => setRemoving(p)} data-testid="passkey-remove">
                  {t("security.remove")}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {
          <form onSubmit={register} className="space-y-3" data-testid="passkey-add">
            <FormField id="passkey-name" label={t("security.passkeyName")} errors={api.fields.name}>
              {(describedBy) => (
                <input id="passkey-name" required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={describedBy} className={inputClass(Boolean(api.fields.name))} />
              )}
            </FormField>
            <CurrentPasswordField id="passkey-password" label={t("security.password")} value={password} onChange={setPassword} errors={api.fields.password} />
            <Button type="submit" disabled={api.busy} data-testid="passkey-register">
              {api.busy ? t("security.working") : t("security.addPasskey")}
            </Button>
          </form>
        }
      </div>
      {removing && (
        <ConfirmDialog
          testId="passkey-remove-dialog"
          title={t("security.removeTitle", { name: removing.name })}
          body={t("security.removeBody")}
          confirmLabel={api.busy ? t("security.working") : t("security.removeYes")}
          cancelLabel={t("security.cancel")}
          busy={api.busy}
          onConfirm={() => void remove(removing)}
          onCancel={cancel}
        />
      )}
    </Card>
  );
}
