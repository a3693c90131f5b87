import "server-only";
import { MAX_WEBHOOK_BYTES, receiveOmiseEvent } from "@/lib/webhooks/receive-event";
import { databaseKnownDown } from "@/lib/health/database-monitor";
import { processSingleton } from "@/lib/process-state";

// A hung database must not hold Omise's request open: no answer within
// STORE_DEADLINE_MS is a 5xx (the event may still land; a repeat is a no-op).
const STORE_DEADLINE_MS = 4_000;

// During an outage every delivery fails the same way: one line a second, with
// the count, rather than thousands of stack traces (formatting them costs the
// CPU the server needs to answer).
function logStoreFailure(err: unknown): void {
  const s = processSingleton("webhookStoreFailures", () => ({ lastAt: 0, suppressed: 0 }));
  const now = Date.now();
  if (now - s.lastAt < 1_000) {
    s.suppressed += 1;
    return;
  }
  const message = err instanceof Error ? err.message.replace(/\s+/g, " ").slice(0, 300) : String(err);
  const more = s.suppressed ? ` (and ${s.suppressed} more since the last report)` : "";
  console.error(`[webhook] could not store an event, answered 503: ${message}${more}`);
  s.lastAt = now;
  s.suppressed = 0;
}

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
    logStoreFailure(err);
    return { status: 503, body: { error: "could not store the event; retry later" } };
  } finally {
    clearTimeout(timer);
  }
}
