import { useMemo } from "react";
import { IntlMessageFormat } from "intl-messageformat";
import { useFormatter, useLocale, useMessages, useTranslations } from "next-intl";
import { formatsFor } from "@/lib/i18n/formats";
import { TIME_ZONE, isLocale, type Locale } from "@/lib/i18n/locale";
import { processSingleton } from "@/lib/process-state";

// For what a list renders many times a page (a row's amount, its countdown, its two dates).
// next-intl's t() with values rebuilds every named format and JSON-stringifies them as a cache
// key on each call, about 10 µs: 13% of the charge list's server CPU at 25 rows. Here a message
// is compiled once per language and process (keyed by its text, so the cache is bounded by the
// catalogs) and formatted directly. The output is next-intl's (quick-translator.test.ts
// compares them); anything this does not handle goes to next-intl's own t().

type Translator = ReturnType<typeof useTranslations<never>>;

// One cache per process, whichever bundle formats (lib/process-state.ts).
const caches = () =>
  processSingleton("quickMessages", () => ({ compiled: new Map<string, IntlMessageFormat>(), shortDates: new Map<Locale, Intl.DateTimeFormat>() }));
// A date or time argument needs next-intl's time zone handling: left to next-intl.
const DATE_ARGUMENT = /,\s*(date|time)\s*[,}]/;

function lookup(messages: unknown, key: string): unknown {
  let node = messages;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function compile(locale: Locale, source: string): IntlMessageFormat | null {
  if (DATE_ARGUMENT.test(source)) return null;
  const { compiled } = caches();
  const cacheKey = `${locale}\u0000${source}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(source, locale);
    compiled.set(cacheKey, format);
  }
  return format;
}

/** The short date and time (formats.ts `short`) in Japan's time, as `format.dateTime(d, "short")` gives it. */
export function shortDateFormat(locale: Locale): Intl.DateTimeFormat {
  const { shortDates } = caches();
  let format = shortDates.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...formatsFor(locale).dateTime.short, timeZone: TIME_ZONE });
    shortDates.set(locale, format);
  }
  return format;
}

/**
 * A translator with next-intl's type and output that formats plain messages with values from
 * a per-process cache. A missing key, a date argument, rich text or a failed format is next-intl's.
 */
export function quickTranslator(t: Translator, messages: unknown, locale: string): Translator {
  if (!isLocale(locale)) return t;
  const quick = (key: string, values?: Record<string, unknown>, formats?: unknown) => {
    const source = lookup(messages, key);
    const format = values && !formats && typeof source === "string" ? compile(locale, source) : null;
    if (format) {
      try {
        const out = format.format(values as Record<string, string | number>);
        if (typeof out === "string") return out;
      } catch {
        // next-intl reports it (onError) and shows its fallback.
      }
    }
    return (t as unknown as (...args: unknown[]) => string)(key, values, formats);
  };
  return Object.assign(quick, { rich: t.rich, markup: t.markup, raw: t.raw, has: t.has }) as unknown as Translator;
}

/** useTranslations() for rows: same keys, types and output, cached formats (see above). */
export function useQuickTranslations(): { t: Translator; shortDate: (iso: string) => string } {
  const t = useTranslations();
  const messages = useMessages();
  const locale = useLocale();
  const format = useFormatter();
  return useMemo(() => {
    const date = isLocale(locale) ? shortDateFormat(locale) : null;
    const shortDate = (iso: string) => (date ? date.format(new Date(iso)) : format.dateTime(new Date(iso), "short"));
    return { t: quickTranslator(t, messages, locale), shortDate };
  }, [t, messages, locale, format]);
}
