"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { RefundDto } from "@/lib/refunds/dto";

type Details = { bankCode: string; branchCode: string; accountType: RefundDto["accountType"]; accountNumber: string; holderKana: string };
type Props = { refund: RefundDto; canCancel: boolean; isAdmin: boolean; onChanged: () => void };

const STATE_TONE: Record<RefundDto["state"], string> = {
  requested: "bg-amber-100 text-amber-900",
  transferred: "bg-emerald-100 text-emerald-900",
  cancelled: "bg-slate-200 text-slate-700",
};

const n = (chunks: React.ReactNode) => <span translate="no">{chunks}</span>;

/** One refund: masked bank details, who did what and when, and the actions its state allows. */
export function RefundItem({ refund, canCancel, isAdmin, onChanged }: Readonly<Props>) {
  const t = useTranslations();
  const [asking, setAsking] = useState<"transferred" | "cancelled" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Details | null>(null);
  const yen = t("format.yen", { amount: refund.amount });
  const at = (iso: string) => t("format.jst", { at: new Date(iso) });

  async function move(state: "transferred" | "cancelled") {
    setBusy(true);
    const res = await fetchJson<RefundDto>(`/api/refunds/${encodeURIComponent(refund.id)}`, { method: "PATCH", body: { state } }, t("common.error"));
    setBusy(false);
    setAsking(null);
    if (!res.ok) setError(res.error.message);
    onChanged();
  }

  async function reveal() {
    if (details) return setDetails(null);
    const res = await fetchJson<Details>(`/api/refunds/${encodeURIComponent(refund.id)}/reveal`, { method: "POST" }, t("common.error"));
    if (res.ok) setDetails(res.data);
    else setError(res.error.message);
  }

  const shown = details ?? { bankCode: refund.bankCode, branchCode: refund.branchCode, accountType: refund.accountType, accountNumber: refund.accountNumberMasked, holderKana: refund.holderMasked };
  return (
    <li data-testid="refund-item" data-state={refund.state} className="space-y-1.5 border-b border-slate-100 pb-3 last:border-0">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-lg font-semibold tabular-nums">{yen}</span>
        <span data-testid="refund-state" className={`rounded px-2 py-0.5 text-xs font-semibold ${STATE_TONE[refund.state]}`}>
          {t(`refunds.state.${refund.state}`)}
        </span>
      </div>
      <p data-testid="refund-bank" className="text-sm text-slate-700">
        {t("refunds.list.bank")}: <span translate="no" className="font-mono">{shown.bankCode} / {shown.branchCode}</span> / {t(`refunds.accountType.${shown.accountType}`)} /{" "}
        <span translate="no" className="font-mono">{shown.accountNumber}</span> / <span translate="no">{shown.holderKana}</span>
      </p>
      {refund.reason && <p translate="no" className="text-sm text-slate-600">{refund.reason}</p>}
      <p className="text-xs text-slate-500">
        {t.rich("refunds.list.requestedBy", { name: refund.requestedBy, at: at(refund.requestedAt), n })}
      </p>
      {refund.transferredAt && <p className="text-xs text-slate-500">{t.rich("refunds.list.transferredBy", { name: refund.transferredBy ?? "—", at: at(refund.transferredAt), n })}</p>}
      {refund.cancelledAt && <p className="text-xs text-slate-500">{t.rich("refunds.list.cancelledBy", { name: refund.cancelledBy ?? "—", at: at(refund.cancelledAt), n })}</p>}
      {error && <Alert tone="error">{error}</Alert>}
      {refund.state === "requested" && (canCancel || isAdmin) && (
        <div className="flex flex-wrap gap-2 pt-1">
          {isAdmin && (
            <Button size="sm" variant="secondary" onClick={() => void reveal()} data-testid="refund-reveal">
              {details ? t("refunds.action.hide") : t("refunds.action.reveal")}
            </Button>
          )}
          {isAdmin && (
            <Button size="sm" onClick={() => setAsking("transferred")} data-testid="refund-transfer">
              {t("refunds.action.transfer")}
            </Button>
          )}
          {canCancel && (
            <Button size="sm" variant="ghost" onClick={() => setAsking("cancelled")} data-testid="refund-cancel">
              {t("refunds.action.cancel")}
            </Button>
          )}
        </div>
      )}
      {refund.state === "requested" && isAdmin && <p className="text-xs text-slate-500">{t("refunds.action.revealNote")}</p>}
      {refund.state === "requested" && canCancel && !isAdmin && <p className="text-xs text-slate-500">{t("refunds.action.adminOnly")}</p>}
      {asking && (
        <ConfirmDialog
          testId="refund-confirm"
          title={asking === "transferred" ? t("refunds.confirm.transferTitle", { amount: yen }) : t("refunds.confirm.cancelTitle", { amount: yen })}
          body={asking === "transferred" ? t("refunds.confirm.transferBody") : t("refunds.confirm.cancelBody")}
          confirmLabel={asking === "transferred" ? t("refunds.action.transfer") : t("refunds.action.cancel")}
          cancelLabel={t("refunds.confirm.back")}
          busy={busy}
          onConfirm={() => void move(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
    </li>
  );
}
