import type { Metadata, Viewport } from "next";
import { getLocale, getMessages, getNow, getTranslations } from "next-intl/server";
import "./globals.css";
import { IntlProvider } from "@/components/i18n/intl-provider";
import { SHELL_NAMESPACES, pickNamespaces } from "@/lib/i18n/client-namespaces";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Each page sets its own title; this adds the product's name, e.g. "請求一覧 | コンビニデスク". */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: { template: `%s | ${t("app.name")}`, default: t("app.name") } };
}

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const [locale, messages, now] = await Promise.all([getLocale(), getMessages(), getNow()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {/* Only the shell's namespaces: each page sends its own (components/i18n/page-messages.tsx). */}
        <IntlProvider locale={locale} messages={pickNamespaces(messages, SHELL_NAMESPACES)} now={now}>
          {children}
        </IntlProvider>
      </body>
    </html>
  );
}
