"use client";

import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import type { Messages } from "@/lib/i18n/catalog";
import { formatsFor } from "@/lib/i18n/formats";
import { TIME_ZONE, type Locale } from "@/lib/i18n/locale";
import { logIntlError, messageFallback } from "@/lib/i18n/intl-errors";

type Props = { locale: Locale; messages: Messages; now: Date; children: ReactNode };

/**
 * next-intl for client components, with the same time zone, formats and `now` as the
 * server render (so times hydrate without a mismatch). A client module because the
 * error handlers are functions, which cannot be passed from a server component.
 */
export function IntlProvider({ locale, messages, now, children }: Readonly<Props>) {
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={messages}
      now={now}
      timeZone={TIME_ZONE}
      formats={formatsFor(locale)}
      onError={logIntlError}
      getMessageFallback={messageFallback}
    >
      {children}
    </NextIntlClientProvider>
  );
}
