import { afterEach, describe, expect, it, vi } from "vitest";
import { keyTranslator, translatorFor } from "@/lib/i18n/translate-key";
import { pickLocale } from "@/lib/i18n/locale";

afterEach(() => vi.restoreAllMocks());

describe("keyTranslator (messages from the server edge)", () => {
  it("translates a catalog key into the user's language", () => {
    expect(keyTranslator("en")("v.amount.range")).toBe("The amount must be between ¥150 and ¥49,999");
    expect(keyTranslator("ja")("v.amount.range")).toBe("金額は150円から49,999円の間で入力してください");
    expect(keyTranslator("ja")("err.internal", { requestId: "r-1" })).toContain("r-1");
  });

  it("never shows an unknown key: it logs it and says something generic in the user's language", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(keyTranslator("ja")("v.no.such.key")).toBe("エラーが発生しました。もう一度お試しください。");
    expect(keyTranslator("en")("Too big: expected string to have <=100 characters", undefined, "v.invalid")).toBe("This value is not valid");
    expect(error).toHaveBeenCalledWith(expect.stringContaining('unknown message key "v.no.such.key"'));
    expect(error).toHaveBeenCalledTimes(2);
  });
});

describe("formats (Asia/Tokyo, whatever the machine's zone)", () => {
  const at = new Date("2026-12-10T14:59:00Z"); // 23:59 in Tokyo

  it("shows dates in JST with the offset", () => {
    expect(translatorFor("ja")("format.jst", { at })).toBe("2026/12/10(木) 23:59 JST (UTC+09:00)");
    expect(translatorFor("en")("format.jst", { at })).toBe("Thu, Dec 10, 2026, 23:59 JST (UTC+09:00)");
    // 00:30 Tokyo is still the previous day in UTC.
    expect(translatorFor("ja")("format.jst", { at: new Date("2026-12-10T15:30:00Z") })).toBe("2026/12/11(金) 00:30 JST (UTC+09:00)");
  });

  it("shows yen as integers with separators", () => {
    expect(translatorFor("ja")("format.yen", { amount: 1500 })).toBe("¥1,500");
    expect(translatorFor("en")("format.yen", { amount: 49999 })).toBe("¥49,999");
  });

  it("uses plural rules", () => {
    expect(translatorFor("en")("overview.count", { count: 1 })).toBe("1 charge");
    expect(translatorFor("en")("overview.count", { count: 0 })).toBe("0 charges");
    expect(translatorFor("en")("overview.count", { count: 1234 })).toBe("1,234 charges");
    expect(translatorFor("ja")("overview.count", { count: 1 })).toBe("1件");
  });
});

describe("pickLocale", () => {
  it("takes the cookie, else the browser's first language, else Japanese", () => {
    expect(pickLocale("en", "ja")).toBe("en");
    expect(pickLocale(undefined, "en-US,en;q=0.9")).toBe("en");
    expect(pickLocale("fr", "fr-FR")).toBe("ja");
    expect(pickLocale(undefined, null)).toBe("ja");
  });
});
