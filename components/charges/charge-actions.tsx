"use client";

import { useCallback, useState } from "react";
import type { ChargeDetailDto } from "@/lib/charges/dto";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ExpireDialog } from "@/components/charges/expire-dialog";
import { ReissueDialog } from "@/components/charges/reissue-dialog";

type Props = {
  chargeId: string;
  pending: boolean;
  canExpire: boolean;
  // Pending, expired or failed, not re-issued yet, and the user may create charges.
  reissuable: boolean;
  amount: number;
  onUpdated: (charge: ChargeDetailDto) => void;
  onFailed: () => void;
};

export function ChargeActions({ chargeId, pending, canExpire, reissuable, amount, onUpdated, onFailed }: Readonly<Props>) {
  const t = useTranslations();
  const [busy, setBusy] = useState<"sync" | "expire" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const closeDialog = useCallback(() => setConfirming(false), []);
  const [reissuing, setReissuing] = useState(false);
  const closeReissue = useCallback(() => setReissuing(false), []);

  async function run(action: "sync" | "expire", body?: { reason?: string }) {
    setBusy(action);
    setError(null);
    setNotice(null);
    const res = await fetchJson<ChargeDetailDto>(`/api/charges/${chargeId}/${action}`, { method: "POST", body: body ?? {} }, t("common.error"));
    setBusy(null);
    setConfirming(false);
    if (res.ok) {
      onUpdated(res.data);
      if (action === "sync") setNotice(t("detail.synced"));
    } else {
      setError(res.error.message);
      // e.g. 409 "not pending": the charge moved on meanwhile, so show its real state.
      onFailed();
    }
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={busy !== null} onClick={() => void run("sync")} data-testid="sync-now">
          {busy === "sync" ? t("detail.syncing") : t("detail.sync")}
        </Button>
        {/* Hidden while the dialog is open: "今すぐ期限切れにする" contains "期限切れにする", and only the dialog's button should answer to that. */}
        {pending && canExpire && !confirming && (
          <Button variant="danger" disabled={busy !== null} onClick={() => setConfirming(true)} data-testid="expire-now">
            {t("detail.expire")}
          </Button>
        )}
        {reissuable && !reissuing && (
          <Button variant="secondary" disabled={busy !== null} onClick={() => setReissuing(true)} data-testid="reissue">
            {t("reissue.button")}
          </Button>
        )}
      </div>
      {reissuing && <ReissueDialog chargeId={chargeId} amount={amount} onCancel={closeReissue} />}
      {error && (
        <Alert tone="error" testId="action-error">
          {error}
        </Alert>
      )}
      {notice && <Alert tone="success">{notice}</Alert>}
      {confirming && pending && (
        <ExpireDialog
          busy={busy === "expire"}
          onCancel={closeDialog}
          onConfirm={(reason) => void run("expire", reason ? { reason } : {})}
        />
      )}
    </div>
  );
}
