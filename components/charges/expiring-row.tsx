"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { ChargeDto } from "@/lib/charges/dto";
import { useFormatter, useTranslations } from "next-intl";
import { formatPhone } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { TimeLeft } from "@/components/charges/time-left";

type Props = { charge: ChargeDto; canExpire: boolean; busy: boolean; onExpire: () => void; extraActions?: ReactNode };

/** One pending charge in the queue: a card that fits a phone, the countdown beside the deadline. */
export function ExpiringRow({ charge, canExpire, busy, onExpire, extraActions }: Readonly<Props>) {
  const t = useTranslations();
  const format = useFormatter();
  return (
    <li data-testid="expiring-row" data-charge-id={charge.id} data-expires-at={charge.expiresAt ?? ""} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-3 py-3">
      <div className="min-w-0 flex-1 basis-40">
        <Link href={`/charges/${charge.id}`} translate="no" className="font-medium text-slate-900 hover:text-emerald-700 hover:underline">
          {charge.customerName}
        </Link>
        <div translate="no" className="text-xs text-slate-500 tabular-nums">
          {formatPhone(charge.customerPhone)}
        </div>
      </div>
      <div className="text-right text-lg font-semibold tabular-nums">{t("format.yen", { amount: charge.amount })}</div>
      <div className="basis-44 text-sm tabular-nums">
        <span className="sr-only">{t("expiring.deadline")}: </span>
        {charge.expiresAt ? format.dateTime(new Date(charge.expiresAt), "short") : t("expiring.noDeadline")}
        {charge.expiresAt && (
          <div className="text-xs">
            <TimeLeft expiresAt={charge.expiresAt} />
          </div>
        )}
      </div>
      <div className="flex gap-2">
        {canExpire && (
          <Button variant="danger" size="sm" disabled={busy} onClick={onExpire} data-testid="expiring-expire">
            {t("expiring.expire")}
          </Button>
        )}
        {/* Re-issue (issue 8, "Re-issue") goes here: the caller passes its button as extraActions. */}
        {extraActions}
      </div>
    </li>
  );
}
