import { z } from "zod";

// Omise response shapes. Loose on purpose: unknown fields pass, nullable
// fields may be null, and events serialised with older API versions use
// `created` instead of `created_at` and lowercase currencies (omise-api.md §1.3).

const nullableString = z.string().nullish().transform((v) => v ?? null);

export const omiseErrorSchema = z.looseObject({
  object: z.literal("error"),
  code: z.string(),
  message: z.string(),
  location: z.string().nullish(),
});

/**
 * Older API versions omit `status`; Omise derives it from the flags, and so do we:
 * paid → successful, reversed, expired, a failure code → failed, otherwise pending.
 */
export function deriveChargeStatus(c: { paid?: boolean; captured?: boolean; reversed?: boolean; expired?: boolean; failure_code: string | null }): string {
  if (c.paid || c.captured) return "successful";
  if (c.reversed) return "reversed";
  if (c.expired) return "expired";
  if (c.failure_code) return "failed";
  return "pending";
}

const sourceReferencesSchema = z
  .looseObject({ expires_at: nullableString, payment_code: nullableString })
  .nullish()
  .transform((r) => r ?? null);

export const omiseChargeSchema = z
  .looseObject({
    object: z.literal("charge"),
    id: z.string().min(1),
    livemode: z.boolean().default(false),
    status: z.string().optional(),
    paid: z.boolean().optional(),
    captured: z.boolean().optional(),
    reversed: z.boolean().optional(),
    expired: z.boolean().optional(),
    amount: z.number().int(),
    currency: z.string().transform((c) => c.toUpperCase()),
    description: nullableString,
    metadata: z.record(z.string(), z.unknown()).nullish().transform((m) => m ?? {}),
    authorize_uri: nullableString,
    expires_at: nullableString,
    expired_at: nullableString,
    paid_at: nullableString,
    failure_code: nullableString,
    failure_message: nullableString,
    source: z.looseObject({ references: sourceReferencesSchema }).nullish(),
    created_at: z.string().optional(),
    created: z.string().optional(),
  })
  .transform((c) => ({
    ...c,
    status: c.status ?? deriveChargeStatus(c),
    // After POST /charges/:id/expire Omise moves expires_at to the moment of expiry; the
    // source's references keep the deadline the customer was given.
    deadline: c.source?.references?.expires_at ?? c.expires_at,
    // What the customer quotes at the store terminal; null until Omise has issued it.
    paymentCode: c.source?.references?.payment_code ?? null,
    created_at: c.created_at ?? c.created ?? null,
  }));

export type OmiseCharge = z.infer<typeof omiseChargeSchema>;

export const omiseSourceSchema = z.looseObject({
  object: z.literal("source"),
  id: z.string().min(1),
  type: z.string(),
  amount: z.number().int(),
});

export type OmiseSource = z.infer<typeof omiseSourceSchema>;

export const omiseEventSchema = z
  .looseObject({
    object: z.literal("event"),
    id: z.string().min(1),
    key: z.string().min(1),
    created_at: z.string().optional(),
    created: z.string().optional(),
    data: z.looseObject({ object: z.string().optional(), id: z.string().optional() }).nullish(),
  })
  .transform((e) => ({ ...e, created_at: e.created_at ?? e.created ?? null }));

export type OmiseEvent = z.infer<typeof omiseEventSchema>;

/** A list item the schema could not read: skipped, so one odd item cannot sink the page. */
export type SkippedItem = { index: number; id: string | null; raw: unknown; problem: string };

/** Omise list object whose items are parsed one by one; unreadable ones land in `skipped`. */
export const omiseListSchema = <T extends z.ZodType>(item: T) =>
  z
    .looseObject({
      object: z.literal("list"),
      offset: z.number().int(),
      limit: z.number().int(),
      total: z.number().int(),
      data: z.array(z.unknown()),
    })
    .transform((list) => {
      const data: z.output<T>[] = [];
      const skipped: SkippedItem[] = [];
      list.data.forEach((raw, index) => {
        const parsed = item.safeParse(raw);
        if (parsed.success) return void data.push(parsed.data);
        const id = typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string" ? (raw as { id: string }).id : null;
        const problem = parsed.error.issues.map((i) => `${i.path.join(".") || "(item)"}: ${i.message}`).join("; ");
        skipped.push({ index, id, raw, problem });
      });
      return { ...list, data, skipped };
    });
