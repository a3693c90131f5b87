"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { RefundForm } from "@/components/refunds/refund-form";
import { RefundItem } from "@/components/refunds/refund-item";
import type { ChargeRefundsDto } from "@/lib/refunds/dto";

type Props = { chargeId: string; chargeStatus: string; canCreate: boolean; isAdmin: boolean; onChanged: () => void };

/** A paid charge's refunds by bank transfer: totals, the request form, and the list with its actions. */
export function RefundsPanel({ chargeId, chargeStatus, canCreate, isAdmin, onChanged }: Readonly<Props>) {
  const t = useTranslations();
  const [data, setData] = useState<ChargeRefundsDto | null>(null);
  const [failed, setFailed] = useState(false);
  const [created, setCreated] = useState(false);

  // Bumped after an action here, so the list and totals are read again.
  const [version, setVersion] = useState(0);

  // Also again when the charge's status changes (paid by webhook while the page is open).
  useEffect(() => {
    let live = true;
    void fetchJson<ChargeRefundsDto>(`/api/charges/${encodeURIComponent(chargeId)}/refunds`, {}, "").then((res) => {
      if (!live) return;
      if (res.ok) setData(res.data);
      setFailed(!res.ok);
    });
    return () => {
      live = false;
    };
  }, [chargeId, chargeStatus, version]);

  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };

  if (!data) return <p className="text-sm text-slate-500">{failed ? t("refunds.loadFailed") : t("refunds.loading")}</p>;
  const yen = (amount: number) => t("format.yen", { amount });
  const figures = [
    ["paid", data.paidAmount],
    ["refunded", data.refundedAmount],
    ["requested", data.requestedAmount],
    ["refundable", data.refundableAmount],
  ] as const;
  return (
    <div data-testid="refunds-panel" className="space-y-4">
      <p className="text-sm text-slate-600">{t("refunds.intro")}</p>
      {data.paid && (
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {figures.map(([k, v]) => (
            <div key={k} data-testid={`refunds-${k}`} className="rounded-md bg-slate-50 px-3 py-2">
              <dt className="text-xs text-slate-500">{t(`refunds.summary.${k}`)}</dt>
              <dd className="font-semibold tabular-nums">{yen(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {!data.paid && <p className="text-sm text-slate-600">{t("refunds.notPaid")}</p>}
      {data.paid && !data.enabled && (
        <Alert tone="warning" testId="refunds-disabled">
          {t.rich("refunds.disabled", { code: (c) => <code translate="no">{c}</code> })}
        </Alert>
      )}
      {created && <Alert tone="success" testId="refund-created">{t("refunds.form.created")}</Alert>}
      {data.paid && data.enabled && canCreate && data.refundableAmount > 0 && (
        <RefundForm
          key={data.refundableAmount}
          chargeId={chargeId}
          max={data.refundableAmount}
          onCreated={() => {
            setCreated(true);
            changed();
          }}
        />
      )}
      {data.paid && data.enabled && canCreate && data.refundableAmount === 0 && <p className="text-sm text-slate-600">{t("refunds.nothingLeft")}</p>}
      {data.paid && !canCreate && <p className="text-sm text-slate-500">{t("refunds.viewerOnly")}</p>}
      <div>
        <h3 className="mb-2 font-semibold text-slate-800">{t("refunds.list.title")}</h3>
        {data.refunds.length === 0 ? (
          <p className="text-sm text-slate-500">{t("refunds.empty")}</p>
        ) : (
          <ul className="space-y-3">
            {data.refunds.map((r) => (
              <RefundItem key={`${r.id}-${r.state}`} refund={r} canCancel={canCreate} isAdmin={isAdmin} onChanged={changed} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
