import type { ReactNode } from "react";
import type { ChargeDto } from "@/lib/charges/dto";
import { useTranslations } from "next-intl";
import { formatPhone } from "@/lib/format";
import { CopyButton } from "@/components/ui/copy-button";
import { TimeLeft } from "@/components/charges/time-left";

function Fact({ label, children, testId }: Readonly<{ label: string; children: ReactNode; testId?: string }>) {
  return (
    <div className="grid gap-0.5 py-2.5 sm:grid-cols-[9rem_1fr] sm:gap-3">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd data-testid={testId} className="min-w-0 break-words text-slate-900">
        {children}
      </dd>
    </div>
  );
}

/** The charge's facts. The payment link is listed here only once it no longer works (pending shows the read-back). */
export function ChargeFacts({ charge }: Readonly<{ charge: ChargeDto }>) {
  const t = useTranslations();
  const jst = (iso: string) => t("format.jst", { at: new Date(iso) });
  const pending = charge.status === "pending";
  return (
    <dl className="divide-y divide-slate-100">
      <Fact label={t("detail.amount")} testId="detail-amount">
        <span className="text-lg font-semibold tabular-nums">{t("format.yen", { amount: charge.amount })}</span>
      </Fact>
      <Fact label={t("detail.customer")} testId="detail-customer">
        <span translate="no" className="font-medium">
          {charge.customerName}
        </span>
        <br />
        <a href={`mailto:${charge.customerEmail}`} translate="no" className="text-sm text-emerald-700 hover:underline">
          {charge.customerEmail}
        </a>
        <br />
        <a href={`tel:${charge.customerPhone}`} translate="no" className="text-sm tabular-nums text-emerald-700 hover:underline">
          {formatPhone(charge.customerPhone)}
        </a>
      </Fact>
      {charge.description && (
        <Fact label={t("detail.description")}>
          <span translate="no">{charge.description}</span>
        </Fact>
      )}
      <Fact label={t("detail.deadline")} testId="detail-deadline">
        {charge.expiresAt ? jst(charge.expiresAt) : "—"}
        {pending && charge.expiresAt && (
          <div className="text-sm font-medium">
            <TimeLeft expiresAt={charge.expiresAt} />
          </div>
        )}
      </Fact>
      {charge.paidAt && (
        <Fact label={t("detail.paidAt")} testId="detail-paid-at">
          {jst(charge.paidAt)}
        </Fact>
      )}
      {charge.expiredAt && (
        <Fact label={t("detail.expiredAt")} testId="detail-expired-at">
          {jst(charge.expiredAt)}
        </Fact>
      )}
      <Fact label={t("detail.createdBy")}>
        <span translate="no">
          {charge.createdBy.name} <span className="text-sm text-slate-500">({charge.createdBy.email})</span>
        </span>
      </Fact>
      <Fact label={t("detail.createdAt")}>{jst(charge.createdAt)}</Fact>
      <Fact label={t("detail.chargeId")}>
        <span className="flex flex-wrap items-center gap-2">
          <code data-testid="charge-id" translate="no" className="break-all font-mono text-sm">
            {charge.id}
          </code>
          <CopyButton text={charge.id} />
        </span>
      </Fact>
      {!pending && charge.paymentCode && (
        <Fact label={t("readout.paymentCode")}>
          <code data-testid="detail-payment-code" translate="no" className="font-mono text-sm">
            {charge.paymentCode}
          </code>
        </Fact>
      )}
      {!pending && charge.authorizeUri && (
        <Fact label={t("detail.link")}>
          <a
            data-testid="payment-link"
            translate="no"
            href={charge.authorizeUri}
            target="_blank"
            rel="noopener noreferrer"
            className="break-all text-sm text-slate-600 underline"
          >
            {charge.authorizeUri}
          </a>
        </Fact>
      )}
    </dl>
  );
}
