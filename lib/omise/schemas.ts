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

export const omiseChargeSchema = z
  .looseObject({
    object: z.literal("charge"),
    id: z.string().min(1),
    livemode: z.boolean().default(false),
    status: z.string(),
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
    created_at: z.string().optional(),
    created: z.string().optional(),
  })
  .transform((c) => ({ ...c, created_at: c.created_at ?? c.created ?? null }));

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

export const omiseListSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    object: z.literal("list"),
    offset: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    data: z.array(item),
  });
