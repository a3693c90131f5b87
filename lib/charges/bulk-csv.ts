// Bulk issue from a spreadsheet: reading the staff's CSV (UTF-8 with or without BOM, or
// Shift_JIS as Excel on a Japanese PC saves it) and writing the result CSV of links.
// Pure functions: this runs in the browser (components/charges/bulk/*) and in unit tests.

// The phone-order form's fields (components/charges/charge-form-values.ts has the same names).
export const BULK_FIELDS = ["customerName", "customerEmail", "customerPhone", "amount", "description", "expiresAt"] as const;
export type FieldName = (typeof BULK_FIELDS)[number];
export type FormValues = Record<FieldName, string>;

export const MAX_BULK_ROWS = 500;
export const MAX_BULK_BYTES = 1024 * 1024;

export type CsvEncoding = "utf-8" | "shift_jis";

/**
 * The file's text. "auto": UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else
 * Shift_JIS (the browser's TextDecoder knows it; Node's full-ICU build too).
 */
export function decodeCsv(bytes: Uint8Array, encoding: CsvEncoding | "auto" = "auto"): { text: string; encoding: CsvEncoding } {
  const utf8 = (fatal: boolean) => new TextDecoder("utf-8", { fatal, ignoreBOM: false }).decode(bytes);
  if (encoding === "utf-8") return { text: utf8(false), encoding };
  if (encoding === "shift_jis") return { text: new TextDecoder("shift_jis").decode(bytes), encoding };
  try {
    return { text: utf8(true), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("shift_jis").decode(bytes), encoding: "shift_jis" };
  }
}

/** RFC 4180 records: quoted cells may hold commas, quotes ("") and line breaks; CRLF or LF. Blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(cell);
    if (row.length > 1 || row[0]!.trim() !== "") rows.push(row);
    row = [];
    cell = "";
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i += 1;
      continue;
    }
    if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      endRow();
      if (c === "\r" && text[i + 1] === "\n") i += 1;
    } else cell += c;
    i += 1;
  }
  if (cell !== "" || row.length > 0) endRow();
  return rows;
}

// Column names staff are likely to use, in either language; compared after NFKC, lower case,
// spaces and punctuation removed. The template (bulkTemplateCsv) uses the first Japanese name.
const HEADER_NAMES: Record<FieldName, string[]> = {
  customerName: ["お客様名", "氏名", "名前", "お名前", "顧客名", "name", "customername", "customer"],
  customerEmail: ["メールアドレス", "メール", "email", "emailaddress", "mail", "customeremail"],
  customerPhone: ["電話番号", "電話", "phone", "phonenumber", "tel", "customerphone"],
  amount: ["金額", "請求金額", "amount", "yen", "price"],
  expiresAt: ["支払期限", "期限", "deadline", "expiresat", "payby", "due"],
  description: ["内容", "摘要", "説明", "description", "memo", "note"],
};
const REQUIRED: FieldName[] = ["customerName", "customerEmail", "customerPhone", "amount"];
const fold = (s: string) => s.normalize("NFKC").toLowerCase().replace(/[\s_\-・.()（）]/g, "");

export type HeaderMap = Partial<Record<FieldName, number>>;
export type HeaderResult = { ok: true; map: HeaderMap; ignored: string[] } | { ok: false; missing: FieldName[] };

/** Which column holds which field; the columns it needs and cannot find, named. */
export function mapHeader(header: string[]): HeaderResult {
  const map: HeaderMap = {};
  const ignored: string[] = [];
  header.forEach((raw, index) => {
    const name = fold(raw.replace(/^\uFEFF/, ""));
    const field = (Object.keys(HEADER_NAMES) as FieldName[]).find((f) => HEADER_NAMES[f].some((n) => fold(n) === name));
    if (field && map[field] === undefined) map[field] = index;
    else if (raw.trim()) ignored.push(raw.trim());
  });
  const missing = REQUIRED.filter((f) => map[f] === undefined);
  return missing.length ? { ok: false, missing } : { ok: true, map, ignored };
}

export type ReadResult =
  | { ok: true; rows: FormValues[]; encoding: CsvEncoding; ignored: string[] }
  | { ok: false; error: "empty" | "tooBig" | "tooManyRows" | "missingColumns"; missing?: FieldName[]; encoding?: CsvEncoding };

/** The file as one set of form values per data row (the first row is the header). */
export function readBulkCsv(bytes: Uint8Array, encoding: CsvEncoding | "auto" = "auto"): ReadResult {
  if (bytes.byteLength > MAX_BULK_BYTES) return { ok: false, error: "tooBig" };
  const decoded = decodeCsv(bytes, encoding);
  const records = parseCsv(decoded.text);
  const [header, ...data] = records;
  if (!header || data.length === 0) return { ok: false, error: "empty", encoding: decoded.encoding };
  if (data.length > MAX_BULK_ROWS) return { ok: false, error: "tooManyRows", encoding: decoded.encoding };
  const mapped = mapHeader(header);
  if (!mapped.ok) return { ok: false, error: "missingColumns", missing: mapped.missing, encoding: decoded.encoding };
  const cell = (r: string[], f: FieldName) => {
    const i = mapped.map[f];
    return i === undefined ? "" : (r[i] ?? "").trim();
  };
  const rows = data.map((r) => ({
    customerName: cell(r, "customerName"),
    customerEmail: cell(r, "customerEmail"),
    customerPhone: cell(r, "customerPhone"),
    amount: cell(r, "amount"),
    expiresAt: cell(r, "expiresAt"),
    description: cell(r, "description"),
  }));
  return { ok: true, rows, encoding: decoded.encoding, ignored: mapped.ignored };
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break, and a text that a spreadsheet
 * would run as a formula (starting with =, +, -, @, a tab or a carriage return) prefixed with '.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text with CRLF line ends and a BOM, so Excel opens the UTF-8 as UTF-8. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return "\uFEFF" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** A template to fill in: the header in Japanese and one example row. */
export function bulkTemplateCsv(): string {
  return toCsv([
    ["お客様名", "メールアドレス", "電話番号", "金額", "支払期限", "内容"],
    ["ヤマダ", "yamada@example.jp", "090-1234-5678", 3980, "", "電話注文 #1001"],
  ]);
}
