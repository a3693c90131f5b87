import "server-only";

/** What the /webhooks log shows of a stored event; the payload only in the one-event view. */
export const EVENT_STATES = ["unprocessed", "failed", "processed"] as const;
export type EventState = (typeof EVENT_STATES)[number];

export type WebhookEventDto = {
  id: string;
  /** The Omise event id (the row's id); both names, so a reader of the API need not know. */
  eventId: string;
  key: string;
  chargeId: string | null;
  receivedAt: string;
  processedAt: string | null;
  /** The last processing error, or the note kept on a processed event (charge not found at Omise). */
  error: string | null;
  state: EventState;
};
export type WebhookEventDetailDto = WebhookEventDto & { payload: unknown };

type Row = { id: string; key: string; chargeId: string | null; receivedAt: Date; processedAt: Date | null; error: string | null };

// The three states do not overlap: once processed an event stays processed, even with a note.
export const eventState = (r: Pick<Row, "processedAt" | "error">): EventState => (r.processedAt ? "processed" : r.error ? "failed" : "unprocessed");

export function toEventDto(r: Row): WebhookEventDto {
  return {
    id: r.id,
    eventId: r.id,
    key: r.key,
    chargeId: r.chargeId,
    receivedAt: r.receivedAt.toISOString(),
    processedAt: r.processedAt ? r.processedAt.toISOString() : null,
    error: r.error,
    state: eventState(r),
  };
}
