import "server-only";
import { getDb } from "@/lib/db";
import { getOmise } from "@/lib/omise";
import { OmiseApiError } from "@/lib/omise/errors";
import { applyOmiseCharge } from "@/lib/charges/apply-omise-charge";

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
