import "server-only";
import { getDb } from "@/lib/db";
import { getOmise } from "@/lib/omise";
import { OmiseApiError } from "@/lib/omise/errors";
import { applyOmiseCharge } from "@/lib/charges/apply-omise-charge";

/**
 * Apply stored events that concern one charge (or none): re-fetch the charge
 * from Omise once and apply its status. An event is a hint to re-fetch, so one
 * fetch made after every listed event was stored settles them all; they are
 * then marked processed together. Never throws: the events are already
 * stored, so a failure is recorded on their rows and retried by the
 * reconciliation, and the sender has had its 2xx.
 */
export async function processStoredEvents(eventIds: string[], chargeId: string | null): Promise<boolean> {
  const label = eventIds.length === 1 ? eventIds[0] : `${eventIds[0]} (+${eventIds.length - 1})`;
  try {
    const db = await getDb();
    let note: string | null = null;
    if (chargeId) {
      try {
        const charge = await getOmise().retrieveCharge(chargeId);
        const result = await applyOmiseCharge(db, charge, { source: "webhook", omiseEventId: eventIds.at(-1) });
        if (result.outcome === "unknown_charge") console.info(`[webhook] ${label}: charge ${chargeId} is not ours; ignored`);
      } catch (err) {
        if (!(err instanceof OmiseApiError && err.code === "not_found")) throw err;
        note = `${err.status} ${err.code}: ${err.message}`;
        console.info(`[webhook] ${label}: charge ${chargeId} not found at Omise; ignored`);
      }
    }
    // Forward only: an event processed meanwhile (the queue, a "Process again") keeps its row as it is.
    await db.webhookEvent.updateMany({ where: { id: { in: eventIds }, processedAt: null }, data: { processedAt: new Date(), error: note } });
    return true;
  } catch (err) {
    const message = err instanceof OmiseApiError ? `${err.status} ${err.code}: ${err.message}` : String(err);
    console.error(`[webhook] ${label}: processing failed, will retry: ${message}`);
    await getDb()
      .then((db) => db.webhookEvent.updateMany({ where: { id: { in: eventIds }, processedAt: null }, data: { error: message.slice(0, 1000) } }))
      .catch(() => undefined);
    return false;
  }
}

/** Which charge a stored event asks us to re-fetch, if any. */
export const chargeToFetch = (key: string, chargeId: string | null): string | null => (key.startsWith("charge.") ? chargeId : null);
