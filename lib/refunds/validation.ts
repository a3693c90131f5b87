import { z } from "zod";

// One schema for the refund form (while typing, in the browser) and POST /api/charges/:id/refunds.
// Messages are catalog keys under refunds.v.*, translated at the edge. Runs under the strict CSP.
z.config({ jitless: true });

export const ACCOUNT_TYPES = ["ordinary", "checking", "savings"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const REFUND_STATES = ["requested", "transferred", "cancelled"] as const;
export type RefundState = (typeof REFUND_STATES)[number];
// Zengin's holder-name field is 30 characters wide.
export const MAX_HOLDER_CHARS = 30;
export const MAX_REASON_CHARS = 255;

/** Full-width digits to ASCII; spaces and hyphens dropped (a pasted "0001-123" still reads). */
export const normalizeDigits = (value: string): string => value.normalize("NFKC").replace(/[\s\-‐−]/g, "");

/**
 * Account numbers shorter than 7 digits are padded with leading zeros, as Japanese banks
 * print them (the form's help says so). More than 7, or anything but digits, is refused.
 */
export function normalizeAccountNumber(value: string): string {
  const digits = normalizeDigits(value);
  return /^\d{1,6}$/.test(digits) ? digits.padStart(7, "0") : digits;
}

const HIRAGANA = /[\u3041-\u3096]/g;
// What Zengin transfers carry in a holder name, after normalisation: katakana (small kana
// included; the bank prints them large), the long mark, digits, A–Z, space and ( ) . - / ,
const HOLDER_ALLOWED = /^[\u30A1-\u30F4\u30FC0-9A-Z ().\-/,]+$/;

/**
 * Half-width katakana (ｶﾅ) becomes full width, hiragana becomes katakana, full-width latin and
 * digits become ASCII (upper case), ideographic spaces become one ASCII space.
 */
export function normalizeHolderKana(value: string): string {
  return value
    .normalize("NFKC")
    .replace(HIRAGANA, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/[‐−–—ｰ]/g, "ー")
    .toUpperCase()
    .replace(/\s+/g, " ")
    .trim();
}

export const isHolderKana = (value: string): boolean => HOLDER_ALLOWED.test(value) && /[\u30A1-\u30F4]/.test(value);

export const createRefundSchema = z.object(
  {
    amount: z.number({ error: "refunds.v.amount" }).int("refunds.v.amount").min(1, "refunds.v.amount"),
    bankCode: z.string({ error: "refunds.v.bankCode" }).transform(normalizeDigits).pipe(z.string().regex(/^\d{4}$/, "refunds.v.bankCode")),
    branchCode: z.string({ error: "refunds.v.branchCode" }).transform(normalizeDigits).pipe(z.string().regex(/^\d{3}$/, "refunds.v.branchCode")),
    accountType: z.enum(ACCOUNT_TYPES, { error: "refunds.v.accountType" }),
    accountNumber: z
      .string({ error: "refunds.v.accountNumber" })
      .transform(normalizeAccountNumber)
      .pipe(z.string().regex(/^\d{7}$/, "refunds.v.accountNumber")),
    holderKana: z
      .string({ error: "refunds.v.holderKana" })
      .transform(normalizeHolderKana)
      .pipe(
        z
          .string()
          .min(1, "refunds.v.holderKana")
          .max(MAX_HOLDER_CHARS, "refunds.v.holderTooLong")
          .refine(isHolderKana, "refunds.v.holderKana"),
      ),
    reason: z
      .string({ error: "refunds.v.reason" })
      .trim()
      .max(MAX_REASON_CHARS, "refunds.v.reason")
      .optional()
      .nullable()
      .transform((v) => v || undefined),
  },
  { error: "err.validation" },
);
export type CreateRefundInput = z.output<typeof createRefundSchema>;

export const updateRefundSchema = z.object(
  { state: z.enum(["transferred", "cancelled"], { error: "refunds.v.state" }) },
  { error: "err.validation" },
);

/** The idempotency key a client sends in the Idempotency-Key header (absent: none). */
export const idempotencyKeySchema = z
  .string({ error: "refunds.v.idempotencyKey" })
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "refunds.v.idempotencyKey")
  .nullable();

/** Masked holder name: the first character of each word, the rest as ＊. */
export function maskHolder(kana: string): string {
  return kana
    .split(" ")
    .map((w) => [...w].map((c, i) => (i === 0 ? c : "＊")).join(""))
    .join(" ");
}
