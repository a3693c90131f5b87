import "server-only";
import { chargeToFetch, processStoredEvents } from "@/lib/webhooks/process-stored-event";
import { processSingleton } from "@/lib/process-state";

// Stored webhook events are applied here, after the sender has its 2xx:
// at most PROCESSING_CONCURRENCY jobs at once (each re-fetches a charge from
// Omise, whose own limit is 10 in flight for the whole process), at most
// MAX_WAITING jobs in line. An event for a charge that already has a job in
// line joins that job: the one re-fetch, made later, covers both. Past the
// limit an event is left stored and unprocessed, and the reconciliation
// applies it: nothing is lost, it is only later.
export const PROCESSING_CONCURRENCY = 4;
export const MAX_WAITING = 5_000;

type Job = { chargeId: string | null; eventIds: string[]; done: Promise<boolean>; resolve: (applied: boolean) => void };
type QueueState = {
  active: number;
  waiting: Job[];
  waitingByCharge: Map<string, Job>; // jobs not started yet, by charge
  byEvent: Map<string, Promise<boolean>>;
  leftForReconciliation: number;
};

// One per process: the lean listener and Next's route are separate bundles.
const state = (): QueueState =>
  processSingleton("webhookQueue", () => ({ active: 0, waiting: [], waitingByCharge: new Map(), byEvent: new Map(), leftForReconciliation: 0 }));

/** Queue a stored event for processing; settles true once applied, false if left for the reconciliation. */
export function enqueueEventProcessing(eventId: string, key: string, chargeId: string | null): Promise<boolean> {
  const s = state();
  const queued = s.byEvent.get(eventId);
  if (queued) return queued; // a duplicate delivery while the first is still in line
  const charge = chargeToFetch(key, chargeId);
  const joinable = charge ? s.waitingByCharge.get(charge) : undefined;
  if (joinable) {
    joinable.eventIds.push(eventId);
    s.byEvent.set(eventId, joinable.done);
    return joinable.done;
  }
  if (s.waiting.length >= MAX_WAITING) {
    if (s.leftForReconciliation++ % 1000 === 0) {
      console.warn(`[webhook] ${s.waiting.length} jobs waiting; ${eventId} and later ones are left for the reconciliation`);
    }
    return Promise.resolve(false);
  }
  let resolve!: (applied: boolean) => void;
  const done = new Promise<boolean>((r) => (resolve = r));
  const job: Job = { chargeId: charge, eventIds: [eventId], done, resolve };
  s.waiting.push(job);
  if (charge) s.waitingByCharge.set(charge, job);
  s.byEvent.set(eventId, done);
  pump(s);
  return done;
}

function pump(s: QueueState): void {
  while (s.active < PROCESSING_CONCURRENCY && s.waiting.length > 0) {
    const job = s.waiting.shift() as Job;
    // Started: an event stored from now on may postdate this job's fetch, so it gets a job of its own.
    if (job.chargeId && s.waitingByCharge.get(job.chargeId) === job) s.waitingByCharge.delete(job.chargeId);
    s.active += 1;
    processStoredEvents(job.eventIds, job.chargeId)
      .catch(() => false) // never throws by contract; belt and braces
      .then((applied) => {
        s.active -= 1;
        for (const id of job.eventIds) s.byEvent.delete(id);
        job.resolve(applied);
        pump(s);
      });
  }
}
