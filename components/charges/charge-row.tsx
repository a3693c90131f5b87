"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ChargeDto } from "@/lib/charges/dto";
import { formatJstShort, formatPhone, formatYen } from "@/lib/format";
import type { Locale } from "@/lib/i18n/messages";
import { StatusBadge } from "@/components/charges/status-badge";
import { TimeLeft } from "@/components/charges/time-left";

export function ChargeRow({ charge, locale }: Readonly<{ charge: ChargeDto; locale: Locale }>) {
  const router = useRouter();
  const href = `/charges/${charge.id}`;
  return (
    // The whole row opens the charge; the name link keeps it reachable by keyboard. Below md
    // the row is a two-column card (customer | amount, status | deadline): no sideways scrolling.
    <tr
      data-testid="charge-row"
      data-charge-id={charge.id}
      onClick={(e) => {
        if (!(e.target instanceof Element) || !e.target.closest("a")) router.push(href);
      }}
      className="grid cursor-pointer grid-cols-[1fr_auto] items-start gap-x-3 gap-y-2 border-b border-slate-100 px-3 py-3 hover:bg-emerald-50/50 md:table-row md:p-0 md:align-top"
    >
      <td className="hidden whitespace-nowrap px-3 py-3 text-sm text-slate-600 tabular-nums md:table-cell">
        {formatJstShort(charge.createdAt)}
      </td>
      <td className="min-w-0 md:px-3 md:py-3">
        <Link href={href} className="font-medium text-slate-900 hover:text-emerald-700 hover:underline">
          {charge.customerName}
        </Link>
        <div className="text-xs text-slate-500 tabular-nums">{formatPhone(charge.customerPhone)}</div>
      </td>
      <td className="whitespace-nowrap text-right text-lg font-semibold tabular-nums md:px-3 md:py-3 md:text-base">{formatYen(charge.amount)}</td>
      <td className="md:px-3 md:py-3">
        <StatusBadge status={charge.status} locale={locale} />
      </td>
      <td className="whitespace-nowrap text-right text-sm tabular-nums md:px-3 md:py-3 md:text-left">
        {charge.expiresAt ? formatJstShort(charge.expiresAt) : "—"}
        {charge.status === "pending" && charge.expiresAt && (
          <div className="text-xs">
            <TimeLeft expiresAt={charge.expiresAt} locale={locale} />
          </div>
        )}
      </td>
      <td className="hidden px-3 py-3 text-sm text-slate-600 md:table-cell">{charge.createdBy.name}</td>
    </tr>
  );
}
