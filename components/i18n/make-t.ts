import { translate, type Locale, type MessageKey } from "@/lib/i18n/messages";

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Client components get the locale as a prop (the layout is server-only), then translate with this. */
export function makeT(locale: Locale): T {
  return (key, params) => translate(locale, key, params);
}
