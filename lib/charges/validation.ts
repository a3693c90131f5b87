import { z } from "zod";

// This schema also runs in the browser (the phone-order form). Zod's JIT probes `new Function`,
// which the strict CSP (proxy.ts, S8) refuses and reports as a violation even though zod catches
// it: parse without the JIT, as zod recommends under a CSP.
z.config({ jitless: true });

// One schema for the phone-order form (while typing) and POST /api/charges.
// Messages are catalog keys, translated into the user's language at the edge.

export const MIN_AMOUNT = 150;
export const MAX_AMOUNT = 49_999;
export const MAX_NAME_CHARS = 10;
export const MAX_DUPLICATE_REASON_CHARS = 500;

/** Full-width digits and symbols to ASCII, then drop spaces and hyphens. */
export function normalizePhone(value: string): string {
  return value.normalize("NFKC").replace(/[\s\-‐−ー()]/g, "");
}

export const createChargeSchema = z
  .object({
    amount: z
      .number({ error: "v.amount.integer" })
      .int("v.amount.integer")
      .min(MIN_AMOUNT, "v.amount.range")
      .max(MAX_AMOUNT, "v.amount.range"),
    customerName: z
      .string({ error: "v.name.required" })
      .trim()
      .min(1, "v.name.required")
      .refine((v) => [...v].length <= MAX_NAME_CHARS, "v.name.tooLong"),
    customerEmail: z.string({ error: "v.email.invalid" }).trim().pipe(z.email("v.email.invalid")),
    customerPhone: z
      .string({ error: "v.phone.invalid" })
      .transform(normalizePhone)
      .pipe(z.string().regex(/^\d{10,11}$/, "v.phone.invalid")),
    description: z
      .string({ error: "v.invalid" })
      .trim()
      .max(255, "v.description.tooLong")
      .optional()
      .transform((v) => (v ? v : undefined)),
    expiresAt: z
      .string({ error: "deadline.invalid" })
      .trim()
      .max(40, "deadline.invalid")
      .optional()
      .transform((v) => (v ? v : undefined)),
    idempotencyKey: z
      .string({ error: "v.idempotencyKey.invalid" })
      .regex(/^[A-Za-z0-9_-]{8,100}$/, "v.idempotencyKey.invalid")
      .optional(),
    // The day-before-deadline reminder email (lib/messages/reminders.ts); on unless turned off.
    reminders: z.boolean({ error: "v.invalid" }).default(true),
    // The duplicate guard (lib/charges/find-duplicates.ts): staff saw the likely repeat and say why.
    confirmDuplicate: z.boolean({ error: "v.invalid" }).optional(),
    duplicateReason: z
      .string({ error: "v.invalid" })
      .trim()
      .max(MAX_DUPLICATE_REASON_CHARS, "v.duplicateReason.tooLong")
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .superRefine((v, ctx) => {
    if (v.confirmDuplicate && !v.duplicateReason) ctx.addIssue({ code: "custom", path: ["duplicateReason"], message: "v.duplicateReason.required" });
  });

export type CreateChargeInput = z.infer<typeof createChargeSchema>;
