// Which language a request gets. Pure, so the API edge, the request config and
// the browser's language switch share it.

export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ja";
export const LOCALE_COOKIE = "kd_locale";
/** Every date and time is shown in Japan's time, wherever the server or the browser runs. */
export const TIME_ZONE = "Asia/Tokyo";

export function isLocale(value: string | undefined | null): value is Locale {
  return value === "ja" || value === "en";
}

/** The cookie the user chose, else the browser's first language, else Japanese. */
export function pickLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const first = acceptLanguage?.split(",")[0]?.trim().slice(0, 2).toLowerCase();
  return first === "en" ? "en" : DEFAULT_LOCALE;
}
