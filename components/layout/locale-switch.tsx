"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locale";

export function LocaleSwitch() {
  const router = useRouter();
  const t = useTranslations();
  const next: Locale = useLocale() === "ja" ? "en" : "ja";
  return (
    <button
      type="button"
      data-testid="locale-switch"
      // The other language's name in that language, so someone who cannot read this one finds theirs.
      lang={next}
      className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      {t("nav.language")}
    </button>
  );
}
