import { formatJst } from "@/lib/format";
import { translate, type Locale } from "@/lib/i18n/messages";

type Props = { locale: Locale; lastSuccessAt: Date | null };

/** Shown while the circuit breaker keeps calls to Omise paused. */
export function OmiseBanner({ locale, lastSuccessAt }: Readonly<Props>) {
  return (
    <div role="status" data-testid="omise-banner" className="border-b border-amber-300 bg-amber-50">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm text-amber-900">
        {translate(locale, "banner.omiseDown", {
          time: lastSuccessAt ? formatJst(lastSuccessAt, locale) : translate(locale, "banner.never"),
        })}
      </p>
    </div>
  );
}
