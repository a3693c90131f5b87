import "server-only";
import type { OutboundMessage, Prisma } from "@/lib/generated/prisma/client";

export type MessageKind = "link" | "reminder";
export type MessageLocale = "ja" | "en";

export type EnqueueMessageInput = {
  chargeId: string;
  kind: MessageKind;
  locale: MessageLocale;
  toAddress: string;
  /** One intended message, one key ("link-<userId>-<idempotency key>", "reminder-<chargeId>-1"). */
  dedupeKey: string;
  channel?: "email";
  /** Not sent before this time (default: now). */
  notBefore?: Date;
  /** Never sent after this time: cancelled instead. */
  notAfter?: Date | null;
  /** Cancelled when its turn comes if the charge is no longer pending. */
  onlyWhilePending?: boolean;
  /** Only sent 09:00–20:00 JST; a turn at night waits for the morning. */
  daytimeOnly?: boolean;
  /** The staff member who asked; null for the system (a scheduled reminder). */
  createdById: string | null;
};

/**
 * Put one message in the outbox, inside the caller's transaction, with a `message_queued`
 * entry on the charge's timeline. The dedupe key makes a retry, a double click or a second
 * instance a no-op: the row already queued under that key is returned and nothing is written.
 * (INSERT … ON CONFLICT DO NOTHING, so a duplicate never aborts the caller's transaction.)
 */
export async function enqueueMessage(tx: Prisma.TransactionClient, input: EnqueueMessageInput): Promise<OutboundMessage> {
  const { count } = await tx.outboundMessage.createMany({
    data: [
      {
        chargeId: input.chargeId,
        channel: input.channel ?? "email",
        kind: input.kind,
        locale: input.locale,
        toAddress: input.toAddress,
        dedupeKey: input.dedupeKey,
        notBefore: input.notBefore ?? new Date(),
        notAfter: input.notAfter ?? null,
        onlyWhilePending: input.onlyWhilePending ?? false,
        daytimeOnly: input.daytimeOnly ?? false,
        createdById: input.createdById,
      },
    ],
    skipDuplicates: true,
  });
  const row = await tx.outboundMessage.findUniqueOrThrow({ where: { dedupeKey: input.dedupeKey } });
  if (count === 1) {
    await tx.chargeEvent.create({
      data: {
        chargeId: input.chargeId,
        kind: "message_queued",
        source: input.createdById ? "user" : "outbox",
        actorId: input.createdById,
        detail: messageDetail(row),
      },
    });
  }
  return row;
}

/** What the timeline shows about a message: its kind, language and address (data, not translated). */
export function messageDetail(row: Pick<OutboundMessage, "kind" | "locale" | "toAddress">): string {
  return `${row.kind} · ${row.locale} · ${row.toAddress}`;
}
