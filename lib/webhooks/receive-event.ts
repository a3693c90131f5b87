import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { omiseEventSchema } from "@/lib/omise/schemas";
import { verifyOmiseSignature } from "@/lib/omise/signature";
import { noteRejection } from "@/lib/webhooks/rejections";
import { enqueueEventProcessing } from "@/lib/webhooks/processing-queue";

export const MAX_WEBHOOK_BYTES = 256 * 1024;
const isChargeKey = (k: string) => k.startsWith("charge.");

export type ReceiveResult =
  | { status: 401; reason: string }
  | { status: 400; reason: string }
  /** `processing` settles true once the event is applied, false if it was left for the reconciliation. */
  | { status: 200; eventId: string; duplicate: boolean; processing: Promise<boolean> };

/**
 * Verify, store, answer; process after. The event row is committed before we
 * answer 2xx, and the answer does not wait for processing (re-fetching the
 * charge from Omise and applying a forward-only status change): that runs on a
 * bounded queue, so a burst of webhooks is acknowledged at once without a
 * burst of calls to Omise. A duplicate id is a no-op. A processing failure is
 * recorded on the stored row and retried by the reconciliation.
 */
export async function receiveOmiseEvent(opts: {
  rawBody: string;
  signature: string | null;
  timestamp: string | null;
  now?: Date;
}): Promise<ReceiveResult> {
  const check = verifyOmiseSignature({
    rawBody: opts.rawBody,
    signatureHeader: opts.signature,
    timestampHeader: opts.timestamp,
    secretBase64: env().OMISE_WEBHOOK_SECRET,
    now: opts.now ?? new Date(),
  });
  if (!check.ok) {
    console.warn(`[webhook] rejected: ${check.reason}`);
    noteRejection(check.reason);
    return { status: 401, reason: check.reason };
  }
  let json: unknown;
  try {
    json = JSON.parse(opts.rawBody);
  } catch {
    return { status: 400, reason: "body is not JSON" };
  }
  const parsed = omiseEventSchema.safeParse(json);
  if (!parsed.success) return { status: 400, reason: "body is not an Omise event" };
  const event = parsed.data;
  const chargeId = event.data?.object === "charge" ? (event.data.id ?? null) : null;

  const db = await getDb(); // a failure here or below propagates: the route answers 5xx
  // Events that need no processing are stored already marked processed.
  const needsProcessing = isChargeKey(event.key) && chargeId !== null;
  const inserted = await db.$executeRaw`
    INSERT INTO "WebhookEvent" ("id", "key", "chargeId", "payload", "receivedAt", "processedAt")
    VALUES (${event.id}, ${event.key}, ${chargeId}::text, ${JSON.stringify(json)}::jsonb, now(), ${needsProcessing ? null : new Date()}::timestamptz)
    ON CONFLICT ("id") DO NOTHING`;
  const duplicate = inserted === 0;
  const done = { status: 200 as const, eventId: event.id, duplicate, processing: Promise.resolve(true) };
  if (!needsProcessing) return done;
  if (duplicate) {
    const row = await db.webhookEvent.findUnique({ where: { id: event.id }, select: { processedAt: true } });
    if (row?.processedAt) return done;
  }
  // The event is safe now: answer, and let the queue apply it.
  return { ...done, processing: enqueueEventProcessing(event.id, event.key, chargeId) };
}
