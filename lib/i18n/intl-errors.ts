import type { IntlError } from "next-intl";

// next-intl calls these for a message it cannot find or format. Typed keys make a
// missing one a compile error, so reaching here is a bug: log it loudly (the browser
// tests fail on console errors) and show a dash, never the raw key.

export function logIntlError(error: IntlError): void {
  console.error(`[i18n] ${error.code}: ${error.originalMessage ?? error.message}`);
}

export function messageFallback(): string {
  return "—";
}

export function logUnknownKey(key: string): void {
  console.error(`[i18n] unknown message key ${JSON.stringify(key)}`);
}
