import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { MAX_BULK_ROWS, csvCell, decodeCsv, mapHeader, parseCsv, readBulkCsv, toCsv } from "@/lib/charges/bulk-csv";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("bulk CSV", () => {
  it("parses quoted cells with commas, doubled quotes and line breaks, CRLF or LF, skipping blank lines", () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n\r\n"two\nlines",x,\n')).toEqual([
      ["a", "b,c", 'say "hi"'],
      ["two\nlines", "x", ""],
    ]);
  });

  it("reads UTF-8 with a BOM, and Shift_JIS as Excel saves it, to the same rows", () => {
    const text = "お客様名,メールアドレス,電話番号,金額,支払期限,内容\r\nヤマダ,y@example.jp,090-1234-5678,\"1,500\",2026-12-20,電話注文\r\n";
    const fromUtf8 = readBulkCsv(utf8("\uFEFF" + text));
    const fromSjis = readBulkCsv(new Uint8Array(iconv.encode(text, "shift_jis")));
    expect(fromUtf8.ok && fromUtf8.encoding).toBe("utf-8");
    expect(fromSjis.ok && fromSjis.encoding).toBe("shift_jis");
    expect(fromSjis.ok && fromSjis.rows).toEqual(fromUtf8.ok && fromUtf8.rows);
    expect(fromUtf8.ok && fromUtf8.rows[0]).toEqual({ customerName: "ヤマダ", customerEmail: "y@example.jp", customerPhone: "090-1234-5678", amount: "1,500", expiresAt: "2026-12-20", description: "電話注文" });
  });

  it("decodes with the encoding asked for", () => {
    expect(decodeCsv(new Uint8Array(iconv.encode("金額", "shift_jis")), "shift_jis").text).toBe("金額");
    expect(decodeCsv(utf8("金額"), "utf-8").text).toBe("金額");
  });

  it("maps English and Japanese headers in any order, full-width or spaced, and names what is missing", () => {
    const m = mapHeader(["Amount", "Ｅｍａｉｌ", "phone number", "Name", "extra"]);
    expect(m).toEqual({ ok: true, map: { amount: 0, customerEmail: 1, customerPhone: 2, customerName: 3 }, ignored: ["extra"] });
    expect(mapHeader(["氏名", "金額"])).toEqual({ ok: false, missing: ["customerEmail", "customerPhone"] });
  });

  it("refuses an empty file, a header alone and more than the row limit", () => {
    expect(readBulkCsv(utf8(""))).toMatchObject({ ok: false, error: "empty" });
    expect(readBulkCsv(utf8("name,email,phone,amount\n"))).toMatchObject({ ok: false, error: "empty" });
    const many = "name,email,phone,amount\n" + "a,b@c.jp,0312345678,500\n".repeat(MAX_BULK_ROWS + 1);
    expect(readBulkCsv(utf8(many))).toMatchObject({ ok: false, error: "tooManyRows" });
    expect(readBulkCsv(utf8("name,amount\na,1\n"))).toMatchObject({ ok: false, error: "missingColumns", missing: ["customerEmail", "customerPhone"] });
  });

  it("writes cells a spreadsheet never runs as formulas, quoted where needed, with a BOM and CRLF", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    for (const lead of ["+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(lead).startsWith(`"'`)).toBe(true);
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(1500)).toBe("1500");
    expect(toCsv([["a", 1], ["b", null]])).toBe("\uFEFFa,1\r\nb,\r\n");
    expect(parseCsv(toCsv([["x,y", 'q"'], ["z", "w"]]).slice(1))).toEqual([["x,y", 'q"'], ["z", "w"]]);
  });
});
