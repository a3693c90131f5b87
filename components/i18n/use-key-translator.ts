import { useMemo } from "react";
import { useLocale } from "next-intl";
import { keyTranslator, type KeyTranslator } from "@/lib/i18n/translate-key";

/** For keys known only at run time (zod issues, stored event kinds): unknown ones are logged, never shown raw. */
export function useKeyTranslator(): KeyTranslator {
  const locale = useLocale();
  return useMemo(() => keyTranslator(locale), [locale]);
}
