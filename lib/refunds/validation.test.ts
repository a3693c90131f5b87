import { describe, expect, it } from "vitest";
import { createRefundSchema, isHolderKana, maskHolder, normalizeAccountNumber, normalizeHolderKana } from "@/lib/refunds/validation";

const OK = { amount: 1000, bankCode: "0001", branchCode: "123", accountType: "ordinary", accountNumber: "1234567", holderKana: "ヤマダ タロウ" };
const errorsFor = (over: object) => {
  const r = createRefundSchema.safeParse({ ...OK, ...over });
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("normalizeHolderKana", () => {
  it("turns half-width kana (with voiced marks and the long mark) into full-width katakana", () => {
    expect(normalizeHolderKana("ﾔﾏﾀﾞ ﾀﾛｳ")).toBe("ヤマダ タロウ");
    expect(normalizeHolderKana("ｺｰﾋｰ ﾊﾟﾝ")).toBe("コーヒー パン");
  });
  it("turns hiragana into katakana, folds spaces, upper-cases latin", () => {
    expect(normalizeHolderKana("  やまだ　　たろう ")).toBe("ヤマダ タロウ");
    expect(normalizeHolderKana("ｶ)ｱｲｳ abc")).toBe("カ)アイウ ABC");
    expect(normalizeHolderKana("スズキ－イチロウ")).toBe("スズキ-イチロウ");
  });
});

describe("isHolderKana", () => {
  it("accepts katakana with Zengin's marks and refuses kanji, emoji and symbols outside the set", () => {
    expect(isHolderKana("ヤマダ タロウ")).toBe(true);
    expect(isHolderKana("カ)コンビニ.ショウジ")).toBe(true);
    expect(isHolderKana("山田")).toBe(false);
    expect(isHolderKana("ヤマダ★")).toBe(false);
    expect(isHolderKana("ABC")).toBe(false); // a name with no kana at all is not a kana name
  });
});

describe("normalizeAccountNumber", () => {
  it("pads up to 6 digits with leading zeros, reads full-width digits, leaves anything else to be refused", () => {
    expect(normalizeAccountNumber("12345")).toBe("0012345");
    expect(normalizeAccountNumber("１２３４５６７")).toBe("1234567");
    expect(normalizeAccountNumber("12345678")).toBe("12345678");
    expect(normalizeAccountNumber("")).toBe("");
  });
});

describe("createRefundSchema", () => {
  it("accepts a valid request and returns it normalised", () => {
    const r = createRefundSchema.parse({ ...OK, bankCode: "０００１", branchCode: "1-2-3", accountNumber: "765", holderKana: "ﾔﾏﾀﾞ ﾀﾛｳ", reason: " " });
    expect(r).toEqual({ ...OK, accountNumber: "0000765", reason: undefined });
  });
  it("names each bad field with its catalog key", () => {
    expect(errorsFor({ amount: 0 })).toEqual({ amount: "refunds.v.amount" });
    expect(errorsFor({ amount: 1.5 })).toEqual({ amount: "refunds.v.amount" });
    expect(errorsFor({ bankCode: "123" })).toEqual({ bankCode: "refunds.v.bankCode" });
    expect(errorsFor({ branchCode: "1234" })).toEqual({ branchCode: "refunds.v.branchCode" });
    expect(errorsFor({ accountType: "current" })).toEqual({ accountType: "refunds.v.accountType" });
    expect(errorsFor({ accountNumber: "12345678" })).toEqual({ accountNumber: "refunds.v.accountNumber" });
    expect(errorsFor({ holderKana: "Yamada" })).toEqual({ holderKana: "refunds.v.holderKana" });
    expect(errorsFor({ holderKana: "ア".repeat(31) })).toEqual({ holderKana: "refunds.v.holderTooLong" });
    expect(errorsFor({ reason: "x".repeat(256) })).toEqual({ reason: "refunds.v.reason" });
  });
});

describe("maskHolder", () => {
  it("keeps the first character of each word", () => {
    expect(maskHolder("ヤマダ タロウ")).toBe("ヤ＊＊ タ＊＊");
    expect(maskHolder("ア")).toBe("ア");
  });
});
