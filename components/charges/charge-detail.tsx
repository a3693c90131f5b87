"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import Link from "next/link";
import type { ChargeDetailDto } from "@/lib/charges/dto";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/components/api/fetch-json";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/charges/status-badge";
import { FailureReason } from "@/components/charges/failure-reason";
import { ChargeActions } from "@/components/charges/charge-actions";
import { ChargeFacts } from "@/components/charges/charge-facts";
import { ChargeTimeline } from "@/components/charges/charge-timeline";
import { ReadBack } from "@/components/charges/read-back";
import { ReminderStatus } from "@/components/charges/reminder-status";
import { usePolling } from "@/components/charges/use-polling";
import { SendLink } from "@/components/charges/send-link";
import { RefundsPanel } from "@/components/refunds/refunds-panel";

const POLL_MS = 3000;
// Webhooks can land a moment after an action answers; keep watching briefly.
const AFTER_ACTION_MS = 15_000;

// canRefund: may record and cancel refunds; isAdmin: may see bank details and mark them transferred.
type Props = { initial: ChargeDetailDto; canExpire: boolean; canSend: boolean; merchantName: string; captureOnly: boolean; canRefund: boolean; isAdmin: boolean };

export function ChargeDetail({ initial, canExpire, canSend, merchantName, captureOnly, canRefund, isAdmin }: Readonly<Props>) {
  const t = useTranslations();
  const [charge, setCharge] = useState(initial);
  const [afterAction, setAfterAction] = useState(false);
  const [actionAt, setActionAt] = useState(0);
  // Bumped by actions so a poll that started before one cannot overwrite its newer answer.
  const version = useRef(0);

  const refresh = useCallback(async () => {
    const started = version.current;
    const res = await fetchJson<ChargeDetailDto>(`/api/charges/${initial.id}`, {}, "");
    if (res.ok && started === version.current) setCharge(res.data);
  }, [initial.id]);

  // Restarts with every action, so the window always counts from the latest one.
  useEffect(() => {
    if (!actionAt) return;
    const timer = setTimeout(() => setAfterAction(false), AFTER_ACTION_MS);
    return () => clearTimeout(timer);
  }, [actionAt]);

  usePolling(refresh, POLL_MS, charge.status === "pending" || afterAction);

  const onUpdated = useCallback((next: ChargeDetailDto) => {
    version.current += 1;
    setCharge(next);
    setAfterAction(true);
    setActionAt(Date.now());
  }, []);

  const pending = charge.status === "pending";
  return (
    <div data-testid="charge-detail" data-status={charge.status} className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="space-y-2">
            <p className="text-sm text-slate-500">{t("detail.title")}</p>
            <div className="flex flex-wrap items-center gap-3">
              <h1 translate="no" className="text-2xl font-bold">
                {charge.customerName}
              </h1>
              <StatusBadge status={charge.status} size="lg" />
            </div>
            <p className="text-3xl font-bold tabular-nums">{t("format.yen", { amount: charge.amount })}</p>
            {charge.refundedAmount > 0 && (
              <p data-testid="charge-refunded" className="font-semibold text-rose-700">
                {t("format.refunded", { amount: t("format.yen", { amount: charge.refundedAmount }) })}
              </p>
            )}
          </div>
          <ChargeActions
            chargeId={charge.id}
            pending={pending}
            canExpire={canExpire}
            reissuable={canExpire && !charge.reissuedToId && ["pending", "expired", "failed"].includes(charge.status)}
            amount={charge.amount}
            onUpdated={onUpdated}
            onFailed={() => void refresh()}
          />
        </div>
        <p data-testid="status-explain" className="mt-3 text-slate-700">
          {t(`explain.${charge.status}`)}
        </p>
        {charge.reissuedToId && (
          <Link href={`/charges/${encodeURIComponent(charge.reissuedToId)}`} data-testid="reissued-to" className="mt-2 block text-blue-700 underline">
            {t("reissue.newCharge")}
          </Link>
        )}
        <Link
          href={`/charges/${encodeURIComponent(charge.id)}/handover`}
          data-testid="open-handover"
          className="mt-2 inline-block text-sm font-semibold text-emerald-700 hover:underline"
        >
          {t("handover.open")} →
        </Link>
        {charge.status === "failed" && (
          <div className="mt-3">
            <FailureReason code={charge.failureCode} message={charge.failureMessage} />
          </div>
        )}
        {charge.lastSyncedAt && (
          <p className="mt-3 text-xs text-slate-500">{t("detail.lastSynced", { date: t("format.jst", { at: new Date(charge.lastSyncedAt) }) })}</p>
        )}
      </Card>

      {pending && (
        <Card>
          <ReadBack charge={charge} />
        </Card>
      )}

      {(pending || charge.messages.length > 0) && (
        <Card>
          <SendLink
            charge={charge}
            initialMessages={charge.messages}
            merchantName={merchantName}
            captureOnly={captureOnly}
            canSend={canSend}
          />
        </Card>
      )}

      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-4">
          <Card>
            <ChargeFacts charge={charge} />
          </Card>
          {(charge.status === "successful" || charge.refundedAmount > 0) && (
            <Card title={t("refunds.title")}>
              <RefundsPanel chargeId={charge.id} chargeStatus={charge.status} canCreate={canRefund} isAdmin={isAdmin} onChanged={() => void refresh()} />
            </Card>
          )}
          <Card title={t("reminders.title")}>
            <ReminderStatus charge={charge} canChange={canExpire} onUpdated={onUpdated} />
          </Card>
        </div>
        <Card title={t("detail.timeline")}>
          <ChargeTimeline entries={charge.timeline} />
        </Card>
      </div>
    </div>
  );
}
