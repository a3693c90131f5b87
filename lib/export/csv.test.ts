import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow, encodeCsv, exportFilename, jstCsvTime } from "@/lib/export/csv";

describe("csvCell (RFC 4180 and formula neutralisation)", () => {
  it("leaves plain text and integers bare, empties null", () => {
    expect(csvRow(["タナカ", 1800, null, undefined, ""])).toBe("タナカ,1800,,,\r\n");
  });

  it("quotes commas, quotes and line breaks; a CR becomes LF so CRLF only ends records", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\r\nline2\rline3\nline4")).toBe('"line1\nline2\nline3\nline4"');
  });

  it.each(["=1+1", "+81 90", "-2", "@SUM(A1)", "\tx", "\rx", "＝ＳＵＭ", "＋１", "－１", "＠x"])("neutralises %j with a leading apostrophe inside quotes", (v) => {
    const cell = csvCell(v);
    expect(cell.startsWith(`"'`)).toBe(true);
    expect(cell.endsWith('"')).toBe(true);
    expect(cell.slice(2, -1).replace(/""/g, '"')).toBe(v.replace(/\r\n?/g, "\n"));
  });

  it("neutralises a formula that also needs quoting", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it("does not touch text that only contains those characters later", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("kd_1-2")).toBe("kd_1-2");
  });
});

describe("encodeCsv", () => {
  it("Shift_JIS: kana, kanji and full-width forms survive; a Mac wave dash and minus take CP932's spelling", () => {
    const bytes = encodeCsv("タナカ髙橋①～〜−", "shift_jis");
    expect(iconv.decode(Buffer.from(bytes), "shift_jis")).toBe("タナカ髙橋①～～－");
  });

  it("Shift_JIS: what it cannot encode (emoji) becomes ?", () => {
    expect(iconv.decode(Buffer.from(encodeCsv("あ😀い", "shift_jis")), "shift_jis")).toBe("あ?い");
  });

  it("UTF-8 is plain UTF-8", () => {
    expect(new TextDecoder().decode(encodeCsv("😀タ", "utf-8"))).toBe("😀タ");
  });
});

describe("JST times and file names", () => {
  it("writes JST with the offset", () => {
    expect(jstCsvTime(new Date("2026-12-01T00:30:00Z"))).toBe("2026-12-01 09:30:00+09:00");
    expect(jstCsvTime(new Date("2026-12-31T15:00:05Z"))).toBe("2027-01-01 00:00:05+09:00");
    expect(jstCsvTime(null)).toBe("");
  });

  it("names the file by the JST minute", () => {
    expect(exportFilename("charges", new Date("2026-12-01T15:04:59Z"))).toBe("charges-20261202-0004.csv");
  });
});
