"use client";

import { useTransition } from "react";
import Link, { useLinkStatus } from "next/link";
import { useRouter } from "next/navigation";
import type { ChargeListRow } from "@/lib/charges/dto";
import { formatPhone } from "@/lib/format";
import { useQuickTranslations } from "@/lib/i18n/quick-translator";
import { StatusBadge } from "@/components/charges/status-badge";
import { TimeLeft } from "@/components/charges/time-left";

export function ChargeRow({ charge }: Readonly<{ charge: ChargeListRow }>) {
  const router = useRouter();
  // The detail page has no loading fallback (app/(dashboard)/charges/(lists)/loading.tsx says
  // why): the row shows that it is opening until the page arrives.
  const [opening, startOpening] = useTransition();
  // 25 rows a page: the cached translator (lib/i18n/quick-translator.ts), same output as t().
  const { t, shortDate: short } = useQuickTranslations();
  const href = `/charges/${charge.id}`;
  return (
    // The whole row opens the charge; the name link keeps it reachable by keyboard. Below md
    // the row is a two-column card (customer | amount, status | deadline): no sideways scrolling.
    <tr
      data-testid="charge-row"
      data-charge-id={charge.id}
      onClick={(e) => {
        if (!(e.target instanceof Element) || !e.target.closest("a")) startOpening(() => router.push(href));
      }}
      aria-busy={opening || undefined}
      className="grid cursor-pointer grid-cols-[1fr_auto] items-start gap-x-3 gap-y-2 border-b border-slate-100 px-3 py-3 hover:bg-emerald-50/50 aria-busy:bg-emerald-50 aria-busy:opacity-70 md:table-row md:p-0 md:align-top"
    >
      <td className="hidden whitespace-nowrap px-3 py-3 text-sm text-slate-600 tabular-nums md:table-cell">
        {short(charge.createdAt)}
      </td>
      <td className="min-w-0 break-words md:px-3 md:py-3">
        <Link href={href} translate="no" className="font-medium text-slate-900 hover:text-emerald-700 hover:underline">
          {charge.customerName}
          <OpeningMark />
        </Link>
        <div translate="no" className="text-xs text-slate-500 tabular-nums">
          {formatPhone(charge.customerPhone)}
        </div>
      </td>
      <td className="whitespace-nowrap text-right text-lg font-semibold tabular-nums md:px-3 md:py-3 md:text-base">
        {t("format.yen", { amount: charge.amount })}
        {charge.refundedAmount > 0 && (
          <div data-testid="row-refunded" className="text-xs font-medium text-rose-700">
            {t("format.refunded", { amount: t("format.yen", { amount: charge.refundedAmount }) })}
          </div>
        )}
      </td>
      <td className="md:px-3 md:py-3">
        <StatusBadge status={charge.status} />
      </td>
      <td className="whitespace-nowrap text-right text-sm tabular-nums md:px-3 md:py-3 md:text-left">
        {charge.expiresAt ? short(charge.expiresAt) : "—"}
        {charge.status === "pending" && charge.expiresAt && (
          <div className="whitespace-normal text-xs">
            <TimeLeft expiresAt={charge.expiresAt} />
          </div>
        )}
      </td>
      <td translate="no" className="hidden truncate px-3 py-3 text-sm text-slate-600 md:table-cell">
        {charge.createdBy.name}
      </td>
    </tr>
  );
}

/** A spinner beside the name while the link's navigation is under way. */
function OpeningMark() {
  const { pending } = useLinkStatus();
  return pending ? <span aria-hidden="true" className="ml-2 inline-block size-3 animate-spin rounded-full border-2 border-emerald-600 border-t-transparent align-middle" /> : null;
}
