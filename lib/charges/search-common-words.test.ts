import { describe, expect, it } from "vitest";
import { commonWordsOf, indexablePieces, wordsOf } from "@/lib/charges/search-common-words";

describe("the search's common words", () => {
  it("are the words of at least a fifth of the sampled rows, learned only from a sample worth it", () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `スズキ${i}\ncust${i}@example.jp\n0901234${i}\n電話注文 #${i}${i % 4 === 0 ? " ケーキ" : ""}`);
    expect([...commonWordsOf(rows)].sort()).toEqual(["example", "jp", "ケーキ", "電話注文"].sort());
    expect(commonWordsOf(rows.slice(0, 500)).size).toBe(0);
  });

  it("leave the rest of the query for the index, each part a substring of the query", () => {
    const common = new Set(["電話注文", "example", "jp"]);
    expect(indexablePieces("電話注文 #424242", common)).toEqual(["#424242"]);
    expect(indexablePieces("注文 #4242", common)).toEqual(["#4242"]); // part of a common word
    expect(indexablePieces("スズキ 電話注文 ケーキ", common)).toEqual(["スズキ", "ケーキ"]);
    expect(indexablePieces("cust77@example.jp", common)).toEqual(["cust77@"]);
    for (const q of ["電話注文 #424242", "スズキ 電話注文 ケーキ", "cust77@example.jp"]) for (const p of indexablePieces(q, common) ?? []) expect(q).toContain(p);
  });

  it("ask for the whole query when nothing in it is common, or too little is left", () => {
    const common = new Set(["電話注文"]);
    expect(indexablePieces("スズキ12", common)).toBeNull();
    expect(indexablePieces("電話注文", common)).toBeNull();
    expect(indexablePieces("電話注文 #1", common)).toBeNull(); // "#1": one digit, no trigram
    expect(indexablePieces("anything", new Set())).toBeNull();
  });

  it("split words as runs of letters and digits in any script", () => {
    expect(wordsOf("電話注文 #42, ｽｽﾞｷ-abc9")).toEqual(["電話注文", "42", "ｽｽﾞｷ", "abc9"]);
  });
});
