import { useTranslations } from "next-intl";

const KNOWN_CODES = ["payment_cancelled", "timeout", "failed_processing"] as const;
type KnownCode = (typeof KNOWN_CODES)[number];
const isKnown = (code: string | null): code is KnownCode => (KNOWN_CODES as readonly (string | null)[]).includes(code);

/** Omise's failure code in words staff can repeat to the customer, in their language. */
export function useFailureText(): (code: string | null) => string {
  const t = useTranslations();
  return (code) => (isKnown(code) ? t(`failure.${code}`) : t("failure.other"));
}

type Props = { code: string | null; message: string | null };

/** Why a payment failed, with Omise's own code and text underneath for support. */
export function FailureReason({ code, message }: Readonly<Props>) {
  const t = useTranslations();
  const failureText = useFailureText();
  return (
    <div data-testid="failure-reason" className="rounded-md border border-red-200 bg-red-50 px-4 py-3">
      <p className="text-xs font-semibold uppercase tracking-wide text-red-700">{t("detail.reason")}</p>
      <p className="mt-0.5 text-base font-semibold text-red-900">{failureText(code)}</p>
      <p className="mt-1 text-xs text-red-800">
        {t("detail.rawCode")}:{" "}
        <code data-testid="failure-code" translate="no" className="font-mono">
          {code ?? "—"}
        </code>
      </p>
      {message && (
        <p className="text-xs text-red-800">
          {t("detail.rawMessage")}: <span translate="no">{message}</span>
        </p>
      )}
    </div>
  );
}
