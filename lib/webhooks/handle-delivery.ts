import "server-only";
import { MAX_WEBHOOK_BYTES, receiveOmiseEvent } from "@/lib/webhooks/receive-event";
import { databaseKnownDown } from "@/lib/health/database-monitor";

// A hung database must not hold Omise's request open: no answer within
// STORE_DEADLINE_MS is a 5xx (the event may still land; a repeat is a no-op).
const STORE_DEADLINE_MS = 4_000;

export type DeliveryAnswer = { status: number; body: Record<string, unknown> };

/**
 * One webhook delivery, whatever server carries it (the Next route handler or
 * the lean listener in server.mjs): size limit, then verify → store → answer.
 * 2xx only once the event row is committed; any storage failure is a 503.
 */
export async function handleWebhookDelivery(req: {
  declaredLength: number;
  /** The raw body, or null when it grew past `limit` bytes while being read. */
  readBody: (limit: number) => Promise<Buffer | null>;
  header: (name: string) => string | null;
}): Promise<DeliveryAnswer> {
  if (req.declaredLength > MAX_WEBHOOK_BYTES) return { status: 413, body: { error: "payload too large" } };
  let raw: Buffer | null;
  try {
    raw = await req.readBody(MAX_WEBHOOK_BYTES);
  } catch {
    return { status: 400, body: { error: "could not read the request body" } }; // the sender went away mid-body
  }
  if (raw === null) return { status: 413, body: { error: "payload too large" } };
  // The database was down a moment ago: say so now rather than queue for a connection.
  if (databaseKnownDown()) return { status: 503, body: { error: "the database is unavailable; retry later" } };
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      receiveOmiseEvent({
        rawBody: raw.toString("utf8"),
        signature: req.header("omise-signature"),
        timestamp: req.header("omise-signature-timestamp"),
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("store deadline passed")), STORE_DEADLINE_MS);
      }),
    ]);
    if (result.status !== 200) return { status: result.status, body: { error: result.reason } };
    return { status: 200, body: { received: result.eventId, duplicate: result.duplicate } };
  } catch (err) {
    console.error("[webhook] could not store event", err);
    return { status: 503, body: { error: "could not store the event; retry later" } };
  } finally {
    clearTimeout(timer);
  }
}
