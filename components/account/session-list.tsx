"use client";

import { useCallback, useState } from "react";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import type { SessionDto } from "@/lib/auth/sessions";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Confirming = { kind: "one"; session: SessionDto } | { kind: "all" } | null;

/** The user's signed-in devices, each with "sign out", and "sign out everywhere". */
export function SessionList({ sessions }: Readonly<{ sessions: SessionDto[] }>) {
  const t = useTranslations();
  const router = useRouter();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = useCallback(() => setConfirming(null), []);

  async function confirm() {
    if (!confirming) return;
    setBusy(true);
    setError(null);
    const url = confirming.kind === "all" ? "/api/account/sessions/revoke-all" : `/api/account/sessions/${encodeURIComponent(confirming.session.id)}/revoke`;
    const res = await fetchJson(url, { method: "POST" }, t("common.error"));
    if (!res.ok) {
      setBusy(false);
      setConfirming(null);
      setError(res.error.message);
      return;
    }
    if (confirming.kind === "all" || confirming.session.current) {
      // This session has ended on the server; clear the cookie too and go to the sign-in page.
      await signOut({ callbackUrl: "/login" });
      return;
    }
    setBusy(false);
    setConfirming(null);
    router.refresh();
  }

  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <ul data-testid="session-list" className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {sessions.map((s) => (
          <li key={s.id} data-testid="session-row" data-current={s.current} className="flex flex-wrap items-center justify-between gap-2 p-3">
            <div className="min-w-0 space-y-0.5 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span translate="no" className="break-all font-medium text-slate-800">
                  {s.userAgent ?? ""}
                </span>
                {!s.userAgent && <span className="font-medium text-slate-800">{t("account.unknownDevice")}</span>}
                {s.current && <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800">{t("account.current")}</span>}
              </div>
              <div className="text-xs text-slate-600">
                {t("account.lastSeen")}: {t("format.jst", { at: new Date(s.lastSeenAt) })}
              </div>
              <div className="text-xs text-slate-600">
                {t("account.signedInAt")}: {t("format.jst", { at: new Date(s.createdAt) })}
              </div>
              <div className="text-xs text-slate-600">
                {t("account.ip")}: {s.ip ? <span translate="no">{s.ip}</span> : t("account.unknownIp")}
              </div>
            </div>
            <Button size="sm" variant="secondary" data-testid="session-revoke" onClick={() => setConfirming({ kind: "one", session: s })}>
              {t("account.revoke")}
            </Button>
          </li>
        ))}
      </ul>
      <Button variant="danger" data-testid="revoke-all" onClick={() => setConfirming({ kind: "all" })}>
        {t("account.revokeAll")}
      </Button>
      {confirming && (
        <ConfirmDialog
          testId={confirming.kind === "all" ? "revoke-all-dialog" : "revoke-dialog"}
          title={confirming.kind === "all" ? t("account.revokeAllTitle") : t("account.revokeTitle")}
          body={confirming.kind === "all" ? t("account.revokeAllBody") : t("account.revokeBody")}
          confirmLabel={busy ? t("account.working") : confirming.kind === "all" ? t("account.revokeAllYes") : t("account.revokeYes")}
          cancelLabel={t("account.cancel")}
          busy={busy}
          onConfirm={() => void confirm()}
          onCancel={cancel}
        />
      )}
    </div>
  );
}
