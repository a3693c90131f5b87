import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getOmise } from "@/lib/omise";
import { omiseEventSchema } from "@/lib/omise/schemas";
import { verifyOmiseSignature } from "@/lib/omise/signature";
import { OmiseApiError } from "@/lib/omise/errors";
import { applyOmiseCharge } from "@/lib/charges/apply-omise-charge";
import { noteRejection } from "@/lib/webhooks/rejections";

export const MAX_WEBHOOK_BYTES = 256 * 1024;
const isChargeKey = (k: string) => k.startsWith("charge.");
const PROCESS_BUDGET_MS = 2_000;

export type ReceiveResult =
  | { status: 401; reason: string }
  | { status: 400; reason: string }
  | { status: 200; eventId: string; duplicate: boolean; processed: boolean };

/**
 * Verify, store, then process. The event row is committed before we answer
 * 2xx; a duplicate id is a no-op; processing re-fetches the charge from Omise
 * and applies a forward-only status change. A processing failure is recorded on
 * the stored row (and retried later) but still acknowledged: the event is safe.
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
  if (!needsProcessing) return { status: 200, eventId: event.id, duplicate, processed: true };
  if (duplicate) {
    const row = await db.webhookEvent.findUnique({ where: { id: event.id }, select: { processedAt: true } });
    if (row?.processedAt) return { status: 200, eventId: event.id, duplicate, processed: true };
  }
  // The event is safe now. Process it, but answer within PROCESS_BUDGET_MS
  // whatever happens: slower processing finishes in the background, and a
  // failure is retried by the reconciliation from the stored row.
  const processing = processStoredEvent(event.id, event.key, chargeId);
  const processed = await Promise.race([processing, new Promise<false>((r) => setTimeout(() => r(false), PROCESS_BUDGET_MS).unref())]);
  return { status: 200, eventId: event.id, duplicate, processed };
}

/**
 * Apply a stored event: re-fetch its charge from Omise and apply the status.
 * Never throws: the event is already stored, so a failure here is recorded on
 * the row and retried by the reconciliation, and the sender still gets 2xx.
 */
export async function processStoredEvent(eventId: string, key: string, chargeId: string | null): Promise<boolean> {
  try {
    const db = await getDb();
    let note: string | null = null;
    if (key.startsWith("charge.") && chargeId) {
      try {
        const charge = await getOmise().retrieveCharge(chargeId);
        const result = await applyOmiseCharge(db, charge, { source: "webhook", omiseEventId: eventId });
        if (result.outcome === "unknown_charge") console.info(`[webhook] ${eventId}: charge ${chargeId} is not ours; ignored`);
      } catch (err) {
        if (!(err instanceof OmiseApiError && err.code === "not_found")) throw err;
        note = `${err.status} ${err.code}: ${err.message}`;
        console.info(`[webhook] ${eventId}: charge ${chargeId} not found at Omise; ignored`);
      }
    }
    await db.webhookEvent.update({ where: { id: eventId }, data: { processedAt: new Date(), error: note } });
    return true;
  } catch (err) {
    const message = err instanceof OmiseApiError ? `${err.status} ${err.code}: ${err.message}` : String(err);
    console.error(`[webhook] ${eventId}: processing failed, will retry: ${message}`);
    await getDb()
      .then((db) => db.webhookEvent.update({ where: { id: eventId }, data: { error: message.slice(0, 1000) } }))
      .catch(() => undefined);
    return false;
  }
}
