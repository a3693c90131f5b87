"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ChargeDto } from "@/lib/charges/dto";
import { formatPhone } from "@/lib/format";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { StatusBadge } from "@/components/charges/status-badge";
import { ReadBack } from "@/components/charges/read-back";

type Props = { charge: ChargeDto; warnings: string[]; canCreate: boolean };

/** The read-back at its own URL: what staff hand over and confirm on the call, after creating or later. */
export function ChargeHandover({ charge, warnings, canCreate }: Readonly<Props>) {
  const t = useTranslations();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Arriving from the form: move focus (and screen readers) to the result.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-3">
        <h1 ref={headingRef} tabIndex={-1} data-testid="charge-created" className="text-xl font-bold outline-none">
          {t("handover.title")}
        </h1>
        <StatusBadge status={charge.status} />
      </div>
      {charge.status !== "pending" && <Alert tone="warning">{t(`explain.${charge.status}`)}</Alert>}
      {warnings.map((w) => (
        <Alert key={w} tone="warning" testId="created-warning">
          {w}
        </Alert>
      ))}
      <section aria-labelledby="handover-confirm" className="rounded-lg border border-slate-200 bg-slate-50 p-4">
        <h2 id="handover-confirm" className="text-sm font-semibold text-slate-700">
          {t("handover.confirm")}
        </h2>
        <dl className="mt-2 grid gap-3 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-500">{t("handover.customer")}</dt>
            <dd data-testid="handover-name" translate="no" className="text-2xl font-bold">
              {charge.customerName}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-500">{t("handover.phone")}</dt>
            <dd data-testid="handover-phone" translate="no" className="text-2xl font-bold tabular-nums">
              {formatPhone(charge.customerPhone)}
            </dd>
          </div>
        </dl>
      </section>
      <ReadBack charge={charge} />
      <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-4">
        {canCreate && (
          <Link href="/charges/new" className={buttonClass("primary", "lg")} data-testid="new-another">
            {t("new.another")}
          </Link>
        )}
        <Link href={`/charges/${charge.id}`} className={buttonClass("secondary", "lg")} data-testid="view-charge">
          {t("new.viewCharge")}
        </Link>
      </div>
    </div>
  );
}
