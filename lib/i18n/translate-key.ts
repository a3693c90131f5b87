import { createTranslator, type TranslationValues } from "next-intl";
import { catalogFor, isMessageKey, messagesFor, type Catalog } from "@/lib/i18n/catalog";
import { formatsFor } from "@/lib/i18n/formats";
import { TIME_ZONE, type Locale } from "@/lib/i18n/locale";
import { logIntlError, logUnknownKey, messageFallback } from "@/lib/i18n/intl-errors";

export type KeyTranslator = (key: string, values?: TranslationValues, fallbackKey?: FallbackKey) => string;
type FallbackKey = "common.error" | "v.invalid";

/**
 * Translates keys that arrive as plain strings: zod issue messages, AppError
 * messages, stored event kinds. Uses next-intl's core with the same catalog,
 * formats and time zone as the pages. A string that is not a key is logged and
 * replaced by a generic message in the user's language, never shown raw.
 */
export function keyTranslator(locale: Locale, messages: Catalog = catalogFor(locale)): KeyTranslator {
  // Typed as Catalog (plain strings), so values are checked at run time, not per key.
  const t = createTranslator<Catalog>({
    locale,
    messages,
    formats: formatsFor(locale),
    timeZone: TIME_ZONE,
    onError: logIntlError,
    getMessageFallback: messageFallback,
  });
  return (key, values, fallbackKey = "common.error") => {
    if (isMessageKey(key)) return t(key, values);
    logUnknownKey(key);
    return t(fallbackKey);
  };
}

/** A typed translator for one language outside React, e.g. the customer's SMS text. */
export function translatorFor(locale: Locale) {
  return createTranslator({
    locale,
    messages: messagesFor(locale),
    formats: formatsFor(locale),
    timeZone: TIME_ZONE,
    onError: logIntlError,
    getMessageFallback: messageFallback,
  });
}
