"use client";

import { useCallback, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import QRCode from "qrcode";
import type { TwoFactorStatus } from "@/lib/auth/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CodeField, CurrentPasswordField } from "@/components/account/account-fields";
import { RecoveryCodes } from "@/components/account/recovery-codes";
import { useApi } from "@/components/account/use-api";

type Enrolment = { secret: string; otpauthUri: string };

/** The secret in groups of four, easier to type into an app by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/** The authenticator app: enrol (password, scan, confirm a code), recovery codes, and turning it off. */
export function TotpCard({ status }: Readonly<{ status: TwoFactorStatus }>) {
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const api = useApi();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmOff, setConfirmOff] = useState(false);

  useEffect(() => {
    if (!enrolment) return;
    let cancelled = false;
    QRCode.toDataURL(enrolment.otpauthUri, { margin: 1, width: 240, errorCorrectionLevel: "M" })
      .then((url) => !cancelled && setQr(url))
      .catch(() => !cancelled && setQr(null));
    return () => {
      cancelled = true;
    };
  }, [enrolment]);

  async function start(e: React.FormEvent) {
    e.preventDefault();
    const r = await api.call<Enrolment>("/api/account/2fa", { password });
    if (!r) return;
    setPassword("");
    setCode("");
    setEnrolment(r);
  }

  async function confirm(e: React.FormEvent) {
    e.preventDefault();
    const r = await api.call<{ recoveryCodes: string[] }>("/api/account/2fa/confirm", { code });
    if (!r) return;
    setEnrolment(null);
    setCode("");
    setCodes(r.recoveryCodes);
    setNotice(t("security.enabled"));
  }

  async function regenerate(e: React.FormEvent) {
    e.preventDefault();
    const r = await api.call<{ recoveryCodes: string[] }>("/api/account/2fa/recovery-codes", { code });
    if (!r) return;
    setCode("");
    setCodes(r.recoveryCodes);
  }

  async function disable() {
    const r = await api.call<null>("/api/account/2fa/disable", { code });
    setConfirmOff(false);
    if (r === undefined) return;
    setCode("");
    setNotice(t("security.disabled"));
    router.refresh();
  }

  const cancelOff = useCallback(() => setConfirmOff(false), []);

  if (codes) {
    return (
      <Card title={t("security.totpTitle")}>
        {notice && <Alert tone="success">{notice}</Alert>}
        <div className="mt-3">
          <RecoveryCodes
            codes={codes}
            onDone={() => {
              setCodes(null);
              router.refresh();
            }}
          />
        </div>
      </Card>
    );
  }

  return (
    <Card
      title={t("security.totpTitle")}
      actions={
        <span data-testid="totp-status" className={`rounded-full px-2 py-0.5 text-xs font-semibold ${status.totpEnabled ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-700"}`}>
          {status.totpEnabled ? t("security.totpOn") : t("security.totpOff")}
        </span>
      }
    >
      <div className="space-y-4">
        {notice && <Alert tone="success">{notice}</Alert>}
        {api.error && !Object.keys(api.fields).length && <Alert tone="error">{api.error.message}</Alert>}
        {status.totpEnabledAt && (
          <p className="text-sm text-slate-600">{t("security.totpSince", { at: format.dateTime(new Date(status.totpEnabledAt), "short") })}</p>
        )}
        {enrolment ? (
          <form onSubmit={confirm} className="space-y-3" data-testid="totp-enrol">
            <p className="text-sm text-slate-700">{t("security.scanHelp")}</p>
            {qr ? (
              // A data URL made in the browser: next/image has nothing to optimise.
              // eslint-disable-next-line @next/next/no-img-element
              <img data-testid="totp-qr" src={qr} alt={t("security.qrAlt")} width={200} height={200} className="h-48 w-48 rounded border border-slate-200 bg-white p-1" />
            ) : (
              <div aria-hidden="true" className="h-48 w-48 animate-pulse rounded border border-slate-200 bg-slate-100" />
            )}
            <div>
              <p className="text-sm font-semibold text-slate-800">{t("security.secret")}</p>
              <p translate="no" data-testid="totp-secret" data-secret={enrolment.secret} className="break-all font-mono text-lg tracking-wider">
                {grouped(enrolment.secret)}
              </p>
            </div>
            <CodeField id="totp-code" label={t("security.code")} value={code} onChange={setCode} errors={api.fields.code} required />
            <Button type="submit" disabled={api.busy} data-testid="totp-confirm">
              {api.busy ? t("security.working") : t("security.confirm")}
            </Button>
          </form>
        ) : (
          <form onSubmit={start} className="space-y-3" data-testid="totp-start">
            <p className="text-sm text-slate-700">{t("security.startHelp")}</p>
            <CurrentPasswordField id="totp-password" label={t("security.password")} value={password} onChange={setPassword} errors={api.fields.password} />
            <Button type="submit" variant={status.totpEnabled ? "secondary" : "primary"} disabled={api.busy} data-testid="totp-begin">
              {status.totpEnabled ? t("security.restart") : t("security.start")}
            </Button>
          </form>
        )}
        {status.totpEnabled && !enrolment && (
          <form onSubmit={regenerate} className="space-y-3 border-t border-slate-100 pt-4" data-testid="recovery-regenerate">
            <p className="text-sm text-slate-700" data-testid="recovery-left">
              {t("security.recoveryLeft", { count: status.recoveryCodesLeft })}
            </p>
            <p className="text-sm text-slate-600">{t("security.regenerateHelp")}</p>
            <CodeField id="account-code" label={t("security.code")} value={code} onChange={setCode} errors={api.fields.code} />
            <div className="flex flex-wrap gap-2">
              <Button type="submit" variant="secondary" disabled={api.busy} data-testid="recovery-regenerate-submit">
                {t("security.regenerate")}
              </Button>
              {!status.required && (
                <Button variant="ghost" disabled={api.busy} onClick={() => setConfirmOff(true)} className="border border-red-200 text-red-700 hover:bg-red-50" data-testid="totp-disable">
                  {t("security.disable")}
                </Button>
              )}
            </div>
          </form>
        )}
      </div>
      {confirmOff && (
        <ConfirmDialog
          testId="totp-disable-dialog"
          title={t("security.disableTitle")}
          body={t("security.disableBody")}
          confirmLabel={api.busy ? t("security.working") : t("security.disableYes")}
          cancelLabel={t("security.cancel")}
          busy={api.busy}
          onConfirm={() => void disable()}
          onCancel={cancelOff}
        />
      )}
    </Card>
  );
}
