import "server-only";
import { cookies, headers } from "next/headers";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, translate, type Locale, type MessageKey } from "@/lib/i18n/messages";

/** The user's language: the cookie they chose, else the browser's, else Japanese. */
export function pickLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const first = acceptLanguage?.split(",")[0]?.trim().slice(0, 2).toLowerCase();
  return first === "en" ? "en" : DEFAULT_LOCALE;
}

export async function getLocale(): Promise<Locale> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  return pickLocale(c.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
}

export async function getT(): Promise<{ locale: Locale; t: (key: MessageKey, params?: Record<string, string | number>) => string }> {
  const locale = await getLocale();
  return { locale, t: (key, params) => translate(locale, key, params) };
}
