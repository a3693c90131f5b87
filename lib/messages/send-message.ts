import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import type { Locale } from "@/lib/i18n/locale";
import { env } from "@/lib/env";
import { enqueueMessage } from "@/lib/messages/enqueue";
import { renderSms, smsUri } from "@/lib/messages/render";
import { toMessageDto, type MessageDto } from "@/lib/messages/dto";
import { wakeSender } from "@/lib/messages/sender";

export const sendMessageSchema = z.object(
  {
    channel: z.enum(["email", "sms"], "v.channel.invalid"),
    locale: z.enum(["ja", "en"], "v.locale.invalid").optional(),
    to: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() || undefined : v),
      z.email("v.to.invalid").max(254, "v.to.invalid").optional(),
    ),
  },
  { error: "err.validation" },
);

const idempotencyKeySchema = z.object({ idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "v.idempotencyKey.invalid").optional() });

export type SendMessageResult =
  | { channel: "email"; message: MessageDto }
  | { channel: "sms"; text: string; smsUri: string };

/**
 * Staff send the payment link: by email through the outbox (queued in one transaction with its
 * timeline entry; the sender delivers it), or as the SMS text and `sms:` link for the staff
 * phone, recorded as "SMS text opened". A charge that is not pending gets no payment link.
 */
export async function sendChargeMessage(opts: {
  actor: Actor;
  id: string;
  input: unknown;
  /** The Idempotency-Key header: the same key from the same user queues one message. */
  idempotencyKey?: string | null;
  /** The staff member's language: the default for the customer's. */
  staffLocale: Locale;
}): Promise<SendMessageResult> {
  const { actor } = opts;
  if (!can(actor, "sendMessage")) throw new AppError("forbidden", "err.forbidden");
  const input = parseInput(sendMessageSchema, opts.input ?? {});
  const { idempotencyKey } = parseInput(idempotencyKeySchema, { idempotencyKey: opts.idempotencyKey ?? undefined });
  const locale = input.locale ?? opts.staffLocale;
  const db = await getDb();
  const charge = await db.charge.findUnique({ where: { id: opts.id } });
  if (!charge) throw notFound();
  if (charge.status !== "pending") throw new AppError("conflict", "err.message_not_pending");

  if (input.channel === "sms") {
    const text = renderSms({ locale, merchantName: env().MERCHANT_NAME, charge });
    await db.chargeEvent.create({ data: { chargeId: charge.id, kind: "sms_opened", source: "user", actorId: actor.id, detail: `${locale} · ${charge.customerPhone}` } });
    return { channel: "sms", text, smsUri: smsUri(charge.customerPhone, text) };
  }

  const to = input.to ?? charge.customerEmail;
  if (!z.email().safeParse(to).success) throw new AppError("unprocessable", "err.validation", { fields: { to: ["v.to.invalid"] } });
  const row = await db.$transaction((tx) =>
    enqueueMessage(tx, {
      chargeId: charge.id,
      kind: "link",
      locale,
      toAddress: to,
      dedupeKey: `link-${actor.id}-${idempotencyKey ?? randomUUID()}`,
      // Never after the deadline, and not once the charge is paid or expired meanwhile.
      notAfter: charge.expiresAt,
      onlyWhilePending: true,
      createdById: actor.id,
    }),
  );
  wakeSender();
  return { channel: "email", message: toMessageDto(row) };
}
