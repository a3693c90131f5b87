"use client";

import { useRouter } from "next/navigation";
import { LOCALE_COOKIE, translate, type Locale } from "@/lib/i18n/messages";

export function LocaleSwitch({ locale }: Readonly<{ locale: Locale }>) {
  const router = useRouter();
  const next: Locale = locale === "ja" ? "en" : "ja";
  return (
    <button
      type="button"
      data-testid="locale-switch"
      className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      {translate(locale, "nav.language")}
    </button>
  );
}
