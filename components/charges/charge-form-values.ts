import { createChargeSchema } from "@/lib/charges/validation";
import { issuesToFields } from "@/lib/errors";
import { resolveDeadline } from "@/lib/charges/deadline";

export const FIELDS = ["customerName", "customerEmail", "customerPhone", "amount", "description", "expiresAt"] as const;
export type FieldName = (typeof FIELDS)[number];
export type FormValues = Record<FieldName, string>;
export type FieldErrors = Partial<Record<string, string[]>>;

export const EMPTY_VALUES: FormValues = {
  customerName: "",
  customerEmail: "",
  customerPhone: "",
  amount: "",
  description: "",
  expiresAt: "",
};

/** Staff type "1,500", "¥1500" or full-width "１５００" on a Japanese IME; all mean 1500. */
export function parseAmount(raw: string): number | undefined {
  const cleaned = raw.normalize("NFKC").replace(/[\s,¥￥円]/g, "");
  if (!cleaned) return undefined;
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** The body POST /api/charges expects, from what was typed. */
export function toRequestBody(values: FormValues) {
  return {
    amount: parseAmount(values.amount),
    customerName: values.customerName,
    customerEmail: values.customerEmail,
    customerPhone: values.customerPhone,
    description: values.description.trim() || undefined,
    expiresAt: values.expiresAt.trim() || undefined,
  };
}

/** The same checks the server makes, as message keys per field. */
export function validateCharge(values: FormValues, now: Date): FieldErrors {
  const parsed = createChargeSchema.safeParse(toRequestBody(values));
  const errors: FieldErrors = parsed.success ? {} : issuesToFields(parsed.error);
  const deadline = resolveDeadline(values.expiresAt, now);
  if (!deadline.ok) errors.expiresAt = [deadline.error];
  return errors;
}
