import iconv from "iconv-lite";
import { jstWallClock } from "@/lib/time/jst";

// CSV as RFC 4180 describes it, for Excel and Japanese accounting tools. Pure, so the unit test,
// the charge export and the audit export share it.
//   - Records end with CRLF. A line break inside a cell is written as a bare LF (a CR, alone or
//     before LF, becomes LF): Excel shows LF as a line break within the cell, and CRLF then only
//     ever ends a record, so the page can count rows in the bytes as they arrive.
//   - A cell is quoted when it holds a quote, comma, CR or LF; quotes inside are doubled.
//   - Formula neutralisation (OWASP "CSV injection"): a text cell starting with = + - @, a tab or
//     a CR (or their full-width forms ＝ ＋ － ＠, which Japanese Excel also reads as formulas)
//     gets a leading apostrophe and is quoted, so Excel shows the text instead of running it.
export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value.replace(/\r\n?/g, "\n");
  const neutralise = FORMULA_START.test(value);
  if (neutralise) text = `'${text}`;
  return neutralise || /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(",")}\r\n`;

export const EXPORT_ENCODINGS = ["utf-8", "shift_jis"] as const;
export type ExportEncoding = (typeof EXPORT_ENCODINGS)[number];

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

// JIS X 0208 code points that Shift_JIS as Windows and Japanese accounting tools read it (CP932,
// iconv-lite's "shift_jis") spells with another code point: a wave dash typed on a Mac (〜) would
// otherwise be lost. Anything else Shift_JIS cannot encode (emoji, rare kanji outside CP932)
// becomes "?", the documented trade-off of choosing Shift_JIS.
const CP932_SPELLING: Record<string, string> = { "\u301c": "\uff5e", "\u2212": "\uff0d", "\u2016": "\u2225", "\u2014": "\u2015", "\u00a2": "\uffe0", "\u00a3": "\uffe1", "\u00ac": "\uffe2" };
const CP932_DIFF = new RegExp(`[${Object.keys(CP932_SPELLING).join("")}]`, "g");

/** The bytes of `text` in the chosen encoding (text is whole records, so no character is split). */
export function encodeCsv(text: string, encoding: ExportEncoding): Uint8Array {
  if (encoding === "utf-8") return new TextEncoder().encode(text);
  return iconv.encode(text.replace(CP932_DIFF, (c) => CP932_SPELLING[c] ?? c), "shift_jis");
}

/** What goes before the first record: the BOM Excel needs to read UTF-8; nothing for Shift_JIS. */
export const csvPreamble = (encoding: ExportEncoding): Uint8Array => (encoding === "utf-8" ? UTF8_BOM : new Uint8Array(0));

export const csvContentType = (encoding: ExportEncoding): string => `text/csv; charset=${encoding === "utf-8" ? "utf-8" : "Shift_JIS"}`;

const pad = (n: number) => String(n).padStart(2, "0");

/** A time in JST with its offset, as spreadsheets parse it: `2026-12-01 09:30:00+09:00`. */
export function jstCsvTime(at: Date | null | undefined): string {
  if (!at) return "";
  const j = jstWallClock(at);
  return `${j.getUTCFullYear()}-${pad(j.getUTCMonth() + 1)}-${pad(j.getUTCDate())} ${pad(j.getUTCHours())}:${pad(j.getUTCMinutes())}:${pad(j.getUTCSeconds())}+09:00`;
}

/** `<prefix>-YYYYMMDD-HHMM.csv`, the JST time of the export. */
export function exportFilename(prefix: string, now: Date): string {
  const j = jstWallClock(now);
  return `${prefix}-${j.getUTCFullYear()}${pad(j.getUTCMonth() + 1)}${pad(j.getUTCDate())}-${pad(j.getUTCHours())}${pad(j.getUTCMinutes())}.csv`;
}
