import "server-only";
import { processStoredEvent } from "@/lib/webhooks/process-stored-event";

// Stored webhook events are applied here, after the sender has its 2xx:
// at most PROCESSING_CONCURRENCY at once (each re-fetches a charge from Omise,
// whose own limit is 10 in flight for the whole process), at most MAX_WAITING
// in line. Past that an event is left stored and unprocessed, and the
// reconciliation applies it: nothing is lost, it is only later.
export const PROCESSING_CONCURRENCY = 4;
export const MAX_WAITING = 5_000;

type Job = { eventId: string; key: string; chargeId: string | null; resolve: (applied: boolean) => void };
type QueueState = { active: number; waiting: Job[]; byEvent: Map<string, Promise<boolean>>; leftForReconciliation: number };

// On globalThis: the lean listener and Next's route are separate bundles.
const globalForQueue = globalThis as unknown as { konbiniWebhookQueue?: QueueState };
const state = (): QueueState =>
  (globalForQueue.konbiniWebhookQueue ??= { active: 0, waiting: [], byEvent: new Map(), leftForReconciliation: 0 });

/** Queue a stored event for processing; settles true once applied, false if left for the reconciliation. */
export function enqueueEventProcessing(eventId: string, key: string, chargeId: string | null): Promise<boolean> {
  const s = state();
  const queued = s.byEvent.get(eventId);
  if (queued) return queued; // a duplicate delivery while the first is still in line
  if (s.waiting.length >= MAX_WAITING) {
    if (s.leftForReconciliation++ % 1000 === 0) {
      console.warn(`[webhook] ${s.waiting.length} events waiting; ${eventId} and later ones are left for the reconciliation`);
    }
    return Promise.resolve(false);
  }
  const promise = new Promise<boolean>((resolve) => s.waiting.push({ eventId, key, chargeId, resolve }));
  s.byEvent.set(eventId, promise);
  pump(s);
  return promise;
}

function pump(s: QueueState): void {
  while (s.active < PROCESSING_CONCURRENCY && s.waiting.length > 0) {
    const job = s.waiting.shift() as Job;
    s.active += 1;
    processStoredEvent(job.eventId, job.key, job.chargeId)
      .catch(() => false) // never throws by contract; belt and braces
      .then((applied) => {
        s.active -= 1;
        s.byEvent.delete(job.eventId);
        job.resolve(applied);
        pump(s);
      });
  }
}

export function processingQueueStatus(): { active: number; waiting: number; leftForReconciliation: number } {
  const s = state();
  return { active: s.active, waiting: s.waiting.length, leftForReconciliation: s.leftForReconciliation };
}
