import type { ChargeDto } from "@/lib/charges/dto";
import type { Locale } from "@/lib/i18n/messages";
import { makeT } from "@/components/i18n/make-t";

const KNOWN_CODES = ["payment_cancelled", "timeout", "failed_processing"] as const;
type KnownCode = (typeof KNOWN_CODES)[number];
const isKnown = (code: string | null): code is KnownCode => (KNOWN_CODES as readonly (string | null)[]).includes(code);

type Props = { charge: Pick<ChargeDto, "failureCode" | "failureMessage">; locale: Locale };

/** Why a payment failed in words staff can repeat to the customer, with Omise's code for support. */
export function FailureReason({ charge, locale }: Readonly<Props>) {
  const t = makeT(locale);
  const { failureCode: code, failureMessage: message } = charge;
  const text = isKnown(code) ? t(`failure.${code}`) : t("failure.other", { code: code ?? "—", message: message ?? "—" });
  return (
    <div data-testid="failure-reason" className="rounded-md border border-red-200 bg-red-50 px-4 py-3">
      <p className="text-xs font-semibold uppercase tracking-wide text-red-700">{t("detail.reason")}</p>
      <p className="mt-0.5 text-base font-semibold text-red-900">{text}</p>
      <p className="mt-1 text-xs text-red-800">
        {t("detail.rawCode")}: <code data-testid="failure-code" className="font-mono">{code ?? "—"}</code>
      </p>
    </div>
  );
}
