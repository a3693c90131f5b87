import { useTranslations } from "next-intl";

/** Shown while the circuit breaker keeps calls to Omise paused. */
export function OmiseBanner({ lastSuccessAt }: Readonly<{ lastSuccessAt: Date | null }>) {
  const t = useTranslations();
  return (
    <div role="status" data-testid="omise-banner" className="border-b border-amber-300 bg-amber-50">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm text-amber-900">
        {t("banner.omiseDown", { time: lastSuccessAt ? t("format.jst", { at: lastSuccessAt }) : t("banner.never") })}
      </p>
    </div>
  );
}
