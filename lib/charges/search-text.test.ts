import { describe, expect, it } from "vitest";
import { chargeSearchText, normalizeSearch, phoneDigitsOf } from "@/lib/charges/search-text";

describe("normalizeSearch", () => {
  it("folds half-width katakana, hiragana and katakana to one form", () => {
    expect(normalizeSearch("ﾀﾅｶ")).toBe("タナカ");
    expect(normalizeSearch("たなか")).toBe("タナカ");
    expect(normalizeSearch("タナカ")).toBe("タナカ");
    expect(normalizeSearch("ﾀﾞｲｽｹ")).toBe("ダイスケ"); // a separate half-width dakuten is composed
    expect(normalizeSearch("ゞ")).toBe("ヾ");
  });

  it("folds full-width ASCII and case, and collapses white space", () => {
    expect(normalizeSearch("ＴＡＲＯ＠Example.JP")).toBe("taro@example.jp");
    expect(normalizeSearch("  ヤマダ　 タロウ ")).toBe("ヤマダ タロウ");
  });

  it("leaves kanji and long vowel marks alone", () => {
    expect(normalizeSearch("山田ー")).toBe("山田ー");
  });
});

describe("phoneDigitsOf", () => {
  it("reads numbers with hyphens, spaces or full-width digits as digits", () => {
    expect(phoneDigitsOf("080-1000-1004")).toBe("08010001004");
    expect(phoneDigitsOf("０８０ １０００")).toBe("0801000");
    expect(phoneDigitsOf("(03) 1234-5678")).toBe("0312345678");
  });
  it("is null for anything else", () => {
    expect(phoneDigitsOf("タナカ")).toBeNull();
    expect(phoneDigitsOf("chrg_1")).toBeNull();
    expect(phoneDigitsOf("")).toBeNull();
  });
});

describe("chargeSearchText", () => {
  it("holds every searchable field, normalised, one per line", () => {
    const text = chargeSearchText({
      id: "chrg_test_ABC", reference: "kd_XyZ", customerName: "ﾀﾅｶ", customerEmail: "Tanaka@Example.jp",
      customerPhone: "08010001004", description: "電話注文　ﾀｵﾙ",
    });
    expect(text.split("\n")).toEqual(["タナカ", "tanaka@example.jp", "08010001004", "電話注文 タオル", "kd_xyz", "chrg_test_abc"]);
  });
});
