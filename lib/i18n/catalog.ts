import type { MessageKeys, NestedKeyOf } from "next-intl";
import { ja, type Catalog } from "@/messages/ja";
import { en } from "@/messages/en";
import type { Locale } from "@/lib/i18n/locale";

// One catalog per language (messages/*.ts). Japanese is the source of the keys
// and, through its literal types, of every message's ICU arguments.

export type { Catalog };
export type Messages = typeof ja;
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;

const CATALOGS: Record<Locale, Catalog> = { ja, en };

/**
 * The messages next-intl gets. Typed as the Japanese literals so `t()` checks
 * arguments; `satisfies Catalog` in en.ts and catalog.test.ts prove English has the
 * same keys and ICU arguments.
 */
export function messagesFor(locale: Locale): Messages {
  return CATALOGS[locale] as Messages;
}

export function catalogFor(locale: Locale): Catalog {
  return CATALOGS[locale];
}

/** Every key as a dotted path, e.g. "charges.col.amount". */
export function flattenKeys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : flattenKeys(v, `${prefix}${k}.`),
  );
}

const KEYS: ReadonlySet<string> = new Set(flattenKeys(ja));

/** For keys that arrive as plain strings at run time (zod issues, AppError, stored event kinds). */
export function isMessageKey(key: string): key is MessageKey {
  return KEYS.has(key);
}
