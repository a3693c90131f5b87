"use client";

import { useTranslations } from "next-intl";
import { groupPaymentCode } from "@/lib/format";
import { CopyButton } from "@/components/ui/copy-button";

/** Omise's payment code in large type, grouped for reading aloud; the copy button copies the raw code. */
export function PaymentCode({ code }: Readonly<{ code: string }>) {
  const t = useTranslations();
  return (
    <div className="rounded-lg border border-slate-300 bg-white p-4">
      <p className="text-sm font-semibold text-slate-700">{t("readout.paymentCode")}</p>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <p
          data-testid="payment-code"
          data-code={code}
          translate="no"
          aria-label={`${t("readout.paymentCode")} ${code.split("").join(" ")}`}
          className="font-mono text-3xl font-bold tracking-wider tabular-nums text-slate-900 sm:text-4xl"
        >
          {groupPaymentCode(code)}
        </p>
        <CopyButton text={code} testId="copy-payment-code" size="md" />
      </div>
      <p className="mt-2 text-xs text-slate-500">{t("readout.paymentCodeHelp")}</p>
    </div>
  );
}
