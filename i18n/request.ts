import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "@/lib/i18n/catalog";
import { formatsFor } from "@/lib/i18n/formats";
import { LOCALE_COOKIE, TIME_ZONE, pickLocale } from "@/lib/i18n/locale";
import { logIntlError, messageFallback } from "@/lib/i18n/intl-errors";

// next-intl without i18n routing: no locale in the URL. The language is the
// kd_locale cookie, else the browser's Accept-Language, else Japanese.
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  return {
    locale,
    messages: messagesFor(locale),
    formats: formatsFor(locale),
    timeZone: TIME_ZONE,
    now: new Date(),
    onError: logIntlError,
    getMessageFallback: messageFallback,
  };
});
