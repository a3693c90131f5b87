// The message catalog. Japanese is the default; every key exists in both.
import { ja, type MessageKey } from "@/lib/i18n/ja";
import { en } from "@/lib/i18n/en";

export type { MessageKey };
export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ja";
export const LOCALE_COOKIE = "kd_locale";

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { ja, en };

export function isLocale(value: string | undefined | null): value is Locale {
  return value === "ja" || value === "en";
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[locale][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Translate a key that arrived as a plain string (e.g. a zod issue message). */
export function translateKey(locale: Locale, key: string, params?: Record<string, string | number>): string {
  return key in ja ? translate(locale, key as MessageKey, params) : key;
}
