import type { ReactNode } from "react";
import { getLocale, getMessages, getNow } from "next-intl/server";
import { IntlProvider } from "@/components/i18n/intl-provider";
import { SHELL_NAMESPACES, pickNamespaces } from "@/lib/i18n/client-namespaces";
import type { Messages } from "@/lib/i18n/catalog";

/**
 * The messages a page's client components need, and only those (lib/i18n/client-namespaces.ts):
 * the shell's namespaces plus `namespaces`. lib/i18n/client-namespaces.test.ts checks each page's
 * list against what its client components name.
 */
export async function PageMessages({ namespaces, children }: Readonly<{ namespaces: readonly (keyof Messages)[]; children: ReactNode }>) {
  const [locale, messages, now] = await Promise.all([getLocale(), getMessages(), getNow()]);
  return (
    <IntlProvider locale={locale} messages={pickNamespaces(messages as Messages, [...SHELL_NAMESPACES, ...namespaces])} now={now}>
      {children}
    </IntlProvider>
  );
}
