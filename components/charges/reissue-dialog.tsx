"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ChargeDto } from "@/lib/charges/dto";
import { DEFAULT_DAYS } from "@/lib/charges/deadline";
import { jstDateKey } from "@/lib/format";
import { DAY_MS } from "@/lib/time/jst";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DeadlineField } from "@/components/charges/deadline-field";
import { inputClass } from "@/components/ui/form-field";

type Props = { chargeId: string; amount: number; onCancel: () => void };

/** Re-issue: the deadline prefilled as on the form (7 days), amount and reason optional; lands on the new hand-over page. */
export function ReissueDialog({ chargeId, amount, onCancel }: Readonly<Props>) {
  const t = useTranslations();
  const router = useRouter();
  const [now] = useState(() => new Date());
  const [expiresAt, setExpiresAt] = useState(() => jstDateKey(new Date(now.getTime() + DEFAULT_DAYS * DAY_MS)));
  const [newAmount, setNewAmount] = useState(String(amount));
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    const body = { expiresAt, amount: Number(newAmount), ...(reason.trim() ? { reason: reason.trim() } : {}) };
    const res = await fetchJson<ChargeDto>(`/api/charges/${chargeId}/reissue`, { method: "POST", body }, t("common.error"));
    if (res.ok) {
      router.push(`/charges/${encodeURIComponent(res.data.id)}/handover`);
      return;
    }
    setBusy(false);
    setError(res.error.message);
  }

  return (
    <ConfirmDialog
      title={t("reissue.title")}
      confirmLabel={busy ? t("reissue.busy") : t("reissue.confirm")}
      cancelLabel={t("detail.cancel")}
      busy={busy}
      testId="reissue-dialog"
      buttonTestIds={{ cancel: "reissue-cancel", confirm: "reissue-confirm" }}
      onConfirm={() => void submit()}
      onCancel={onCancel}
    >
      <div className="space-y-3">
        <DeadlineField now={now} value={expiresAt} onChange={setExpiresAt} onBlur={() => undefined} />
        <label className="block text-sm text-slate-700">
          {t("reissue.amount")}
          <input name="amount" inputMode="numeric" value={newAmount} onChange={(e) => setNewAmount(e.target.value)} className={inputClass(false)} />
        </label>
        <label className="block text-sm text-slate-700">
          {t("detail.expireReason")}
          <textarea name="reason" rows={2} maxLength={255} value={reason} onChange={(e) => setReason(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-base" />
        </label>
        {error && (
          <Alert tone="error" testId="reissue-error">
            {error}
          </Alert>
        )}
      </div>
    </ConfirmDialog>
  );
}
