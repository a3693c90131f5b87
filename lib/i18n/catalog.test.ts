import { describe, expect, it, vi } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { catalogFor, flattenKeys } from "@/lib/i18n/catalog";
import { LOCALES } from "@/lib/i18n/locale";
import { keyTranslator } from "@/lib/i18n/translate-key";

const flat = (tree: object, prefix = ""): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v]] : Object.entries(flat(v, `${prefix}${k}.`)))),
  );
const ja = flat(catalogFor("ja"));
const en = flat(catalogFor("en"));

/** "name:kind" for every ICU argument, sorted; plural and number both take a number. */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument) found.add(`${el.value}:text`);
      else if (el.type === TYPE.number || el.type === TYPE.plural) found.add(`${el.value}:number`);
      else if (el.type === TYPE.date || el.type === TYPE.time) found.add(`${el.value}:date`);
      else if (el.type === TYPE.select) found.add(`${el.value}:select(${Object.keys(el.options).sort().join("|")})`);
      else if (el.type === TYPE.tag) found.add(`<${el.value}>`);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) walk(option.value);
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

describe("message catalogs", () => {
  it("have the same keys in every language", () => {
    const jaKeys = Object.keys(ja);
    const enKeys = Object.keys(en);
    expect(enKeys.filter((k) => !(k in ja)), "only in English").toEqual([]);
    expect(jaKeys.filter((k) => !(k in en)), "only in Japanese").toEqual([]);
    expect(flattenKeys(catalogFor("en")).sort()).toEqual(jaKeys.sort());
  });

  it("give every message the same ICU arguments in every language", () => {
    const differing = Object.keys(ja)
      .filter((key) => key in en)
      .map((key) => ({ key, ja: argumentsOf(ja[key] ?? ""), en: argumentsOf(en[key] ?? "") }))
      .filter((m) => JSON.stringify(m.ja) !== JSON.stringify(m.en));
    expect(differing).toEqual([]);
  });

  it("format every message in every language without an error", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const locale of LOCALES) {
        const t = keyTranslator(locale);
        for (const key of Object.keys(ja)) {
          const values = Object.fromEntries(
            argumentsOf(ja[key] ?? "").map((arg) => {
              // A tag (<who>…</who>) is formatted with a function, as t.rich does.
              if (arg.startsWith("<")) return [arg.slice(1, -1), (chunks: string[]) => chunks.join("")];
              const [name = "", kind] = arg.split(":");
              return [name, kind === "number" ? 2 : kind === "date" ? new Date("2026-12-10T14:59:00Z") : "x"];
            }),
          );
          expect(t(key, values), `${locale} ${key}`).not.toBe("—");
        }
      }
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it("catches a message whose arguments differ (the check itself works)", () => {
    expect(argumentsOf("{count, plural, one {# charge} other {# charges}}")).toEqual(argumentsOf("{count, plural, other {#件}}"));
    expect(argumentsOf("{time} left")).not.toEqual(argumentsOf("残り {date}"));
    expect(argumentsOf("{n, number}")).not.toEqual(argumentsOf("{n}"));
  });
});
