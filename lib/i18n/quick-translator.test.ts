import { afterEach, describe, expect, it, vi } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import { flattenKeys, messagesFor } from "@/lib/i18n/catalog";
import { LOCALES } from "@/lib/i18n/locale";
import { translatorFor } from "@/lib/i18n/translate-key";
import { quickTranslator, shortDateFormat } from "@/lib/i18n/quick-translator";
import { formatsFor } from "@/lib/i18n/formats";

afterEach(() => vi.restoreAllMocks());

type Values = Record<string, string | number>;
// The ICU parser's element types (@formatjs/icu-messageformat-parser TYPE), as getAst() gives them.
const TYPE = { argument: 1, number: 2, date: 3, time: 4, select: 5, plural: 6, tag: 8 } as const;
type MessageFormatElement = ReturnType<IntlMessageFormat["getAst"]>[number];

/** Value sets that reach every branch of a message: each plural category and =N, each select option. */
function valueSets(ast: MessageFormatElement[]): Values[] {
  const sets: Values[] = [{}];
  const add = (name: string, options: (string | number)[]) => {
    const base = sets.splice(0);
    for (const v of options) for (const s of base) sets.push({ ...s, [name]: v });
  };
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.argument) add(el.value, ["山田 花子"]);
      else if (el.type === TYPE.number) add(el.value, [0, 1, 2, 1500, 49999, 1234567]);
      else if (el.type === TYPE.plural) {
        add(el.value, [0, 1, 2, 5, 21, ...Object.keys(el.options).filter((k) => k.startsWith("=")).map((k) => Number(k.slice(1)))]);
        for (const o of Object.values(el.options)) walk(o.value);
      } else if (el.type === TYPE.select) {
        add(el.value, Object.keys(el.options));
        for (const o of Object.values(el.options)) walk(o.value);
      } else if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(ast);
  return sets.slice(0, 64);
}

describe("quickTranslator gives exactly next-intl's output", () => {
  for (const locale of LOCALES) {
    it(`for every ${locale} message with values and no date or rich text`, () => {
      const messages = messagesFor(locale);
      const t = translatorFor(locale);
      const quick = quickTranslator(t as never, messages, locale) as unknown as (k: string, v?: Values) => string;
      const slow = t as unknown as (k: string, v?: Values) => string;
      let compared = 0;
      for (const key of flattenKeys(messages)) {
        const source = key.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], messages) as string;
        const ast = new IntlMessageFormat(source, locale).getAst();
        const hasDateOrTag = JSON.stringify(ast).match(/"type":(3|4|8)\b/);
        if (hasDateOrTag || !/[{]/.test(source)) continue;
        for (const values of valueSets(ast)) {
          expect(quick(key, values), `${locale} ${key} ${JSON.stringify(values)}`).toBe(slow(key, values));
          compared++;
        }
      }
      // The catalogs hold hundreds of such messages; a walk that compared none would prove nothing.
      expect(compared).toBeGreaterThan(200);
    });
  }

  it("formats the row's own messages as the catalog says", () => {
    const quick = (locale: "ja" | "en") => quickTranslator(translatorFor(locale) as never, messagesFor(locale), locale) as unknown as (k: string, v?: Values) => string;
    expect(quick("ja")("format.yen", { amount: 1500 })).toBe("¥1,500");
    expect(quick("en")("format.refunded", { amount: "¥300" })).toBe("Refunded ¥300");
    expect(quick("en")("duration.days", { days: 3, hours: 4 })).toBe(translatorFor("en")("duration.days", { days: 3, hours: 4 }));
  });

  it("formats in the request's language: its plural rules, not another's", () => {
    // Our catalogs' plurals read the same under Japanese and English rules; this message does not.
    const messages = { probe: "{n, plural, one {ONE} other {OTHER}}" };
    for (const [locale, expected] of [["ja", "OTHER"], ["en", "ONE"]] as const) {
      const quick = quickTranslator(translatorFor(locale) as never, messages, locale) as unknown as (k: string, v?: Values) => string;
      expect(quick("probe", { n: 1 })).toBe(expected);
    }
  });

  it("leaves a date argument, a missing key and a value that cannot be formatted to next-intl", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const t = translatorFor("ja");
    const quick = quickTranslator(t as never, messagesFor("ja"), "ja") as unknown as (k: string, v?: Record<string, unknown>) => string;
    const at = new Date("2026-12-10T14:59:00Z");
    expect(quick("format.jst", { at })).toBe("2026/12/10(木) 23:59 JST (UTC+09:00)");
    expect(quick("format.no.such.key", { amount: 1 })).toBe("—");
    expect(error).toHaveBeenCalledWith(expect.stringContaining("MISSING_MESSAGE"));
    // A missing argument: IntlMessageFormat throws; next-intl reports it and shows its fallback.
    expect(quick("format.yen", { other: 1 })).toBe((t as unknown as (k: string, v: object) => string)("format.yen", { other: 1 }));
  });
});

describe("shortDateFormat", () => {
  it("is next-intl's format.dateTime(d, \"short\") in Japan's time, whatever the machine's zone", async () => {
    const { createFormatter } = await import("next-intl");
    for (const locale of LOCALES) {
      const format = createFormatter({ locale, formats: formatsFor(locale), timeZone: "Asia/Tokyo" });
      for (const iso of ["2026-12-10T14:59:00Z", "2026-12-10T15:30:00Z", "2026-01-01T00:00:00Z"]) {
        expect(shortDateFormat(locale).format(new Date(iso))).toBe(format.dateTime(new Date(iso), "short"));
      }
    }
    expect(shortDateFormat("ja").format(new Date("2026-12-10T15:30:00Z"))).toBe("12/11 00:30");
  });
});
