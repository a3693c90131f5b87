import "server-only";
import { getDb, type Db } from "@/lib/db";
import { getOmise } from "@/lib/omise";
import type { OmiseClient } from "@/lib/omise/client";
import type { SkippedItem } from "@/lib/omise/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { applyOmiseCharge } from "@/lib/charges/apply-omise-charge";
import { resolveAttempt } from "@/lib/charges/resolve-attempt";
import { chargeToFetch, processStoredEvents } from "@/lib/webhooks/process-stored-event";
import { withReconcileLock } from "@/lib/reconcile/with-lock";
import { mapLimit } from "@/lib/reconcile/map-limit";
import { createPacer } from "@/lib/reconcile/pacer";
import { env } from "@/lib/env";

export const CURSOR_KEY = "omise.events.cursor";
const OVERLAP_MS = 10 * 60_000; // events can be listed a little after their created_at
const FIRST_LOOKBACK_MS = 7 * 24 * 3600_000;
const STALE_MS = 15 * 60_000; // pending charges not synced for this long are re-fetched
const STUCK_CREATE_MS = 2 * 60_000; // a "creating" attempt this old lost its process
const IN_FLIGHT = 10;

export type ReconcileSummary = {
  runId: string;
  eventsSeen: number;
  eventsProcessed: number;
  chargesChecked: number;
  chargesChanged: number;
  attemptsResolved: number;
  /** List items Omise sent that could not be read; each is logged by the client. */
  itemsSkipped: number;
};

/**
 * Make every local charge match Omise even if webhooks were lost: retry
 * stored-but-unprocessed events, walk GET /events from a stored cursor (with
 * overlap), re-fetch pending charges that are past their deadline or stale,
 * and settle creates whose answer was lost. One instance at a time.
 */
export async function runReconciliation(opts: { trigger: "interval" | "manual"; now?: Date }): Promise<ReconcileSummary | null> {
  const locked = await withReconcileLock(() => reconcile(opts.trigger, opts.now ?? new Date()));
  return locked.ran ? locked.result : null;
}

async function reconcile(trigger: string, now: Date): Promise<ReconcileSummary> {
  const db = await getDb();
  const pace = createPacer(env().RECONCILE_MAX_CALLS_PER_SECOND);
  const skipped: string[] = [];
  const omise = observedClient(getOmise(), pace, (route, item) => skipped.push(`${route} ${item.id ?? `#${item.index}`}`));
  const run = await db.reconcileRun.create({ data: { trigger } });
  const failures: string[] = [];
  const s: ReconcileSummary = {
    runId: run.id, eventsSeen: 0, eventsProcessed: 0, chargesChecked: 0, chargesChanged: 0, attemptsResolved: 0, itemsSkipped: 0,
  };
  try {
    s.eventsProcessed += await retryUnprocessed(db);
    const toCheck = new Set<string>();
    s.eventsSeen = await walkEvents(db, omise, now, toCheck);
    const stale = await db.charge.findMany({
      where: { status: "pending", OR: [{ expiresAt: { lt: now } }, { lastSyncedAt: { lt: new Date(now.getTime() - STALE_MS) } }, { lastSyncedAt: null }] },
      select: { id: true },
      take: 500,
    });
    for (const c of stale) toCheck.add(c.id);
    // One charge Omise cannot give us must not stop the pass for the others.
    const outcomes = await mapLimit([...toCheck], IN_FLIGHT, async (id) => {
      try {
        const remote = await omise.retrieveCharge(id);
        return await applyOmiseCharge(db, remote, { source: "reconcile" });
      } catch (err) {
        failures.push(`${id}: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      }
    });
    s.chargesChecked = outcomes.filter(Boolean).length;
    s.chargesChanged = outcomes.filter((o) => o?.outcome === "changed").length;
    s.attemptsResolved = await settleAttempts(db, omise, now);
    s.itemsSkipped = skipped.length;
    const notes = [
      failures.length ? `${failures.length} charge(s) could not be checked: ${failures.slice(0, 5).join("; ")}` : "",
      skipped.length ? `${skipped.length} unreadable list item(s) skipped: ${skipped.slice(0, 5).join("; ")}` : "",
    ].filter(Boolean);
    const error = notes.length ? notes.join(" | ") : null;
    if (error) console.warn(`[reconcile] ${error}`);
    await db.reconcileRun.update({ where: { id: run.id }, data: { ...counts(s), finishedAt: new Date(), error } });
    return s;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    s.itemsSkipped = skipped.length;
    await db.reconcileRun.update({ where: { id: run.id }, data: { ...counts(s), finishedAt: new Date(), error } }).catch(() => undefined);
    throw err;
  }
}

const counts = ({ runId: _id, ...rest }: ReconcileSummary) => rest;

/** The reads a pass makes, each waiting for its turn under the pace; list items skipped as unreadable are reported. */
function observedClient(omise: OmiseClient, pace: () => Promise<void>, onSkipped: (route: string, item: SkippedItem) => void): OmiseClient {
  const lists: Record<string, string> = { listCharges: "GET /charges", listEvents: "GET /events" };
  return new Proxy(omise, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || !["retrieveCharge", "listCharges", "listEvents"].includes(String(prop))) return value;
      return async (...args: unknown[]) => {
        await pace();
        const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
        const route = lists[String(prop)];
        if (route) for (const item of (result as { skipped: SkippedItem[] }).skipped) onSkipped(route, item);
        return result;
      };
    },
  });
}

async function retryUnprocessed(db: Db): Promise<number> {
  // Never-tried events first, then those that failed before: a batch that keeps
  // failing cannot hold back the events stored after it.
  const pending = await db.webhookEvent.findMany({
    where: { processedAt: null },
    orderBy: [{ error: { sort: "asc", nulls: "first" } }, { receivedAt: "asc" }],
    take: 500,
  });
  // One re-fetch per charge settles all of its stored events.
  const byCharge = new Map<string | null, string[]>();
  for (const e of pending) {
    const charge = chargeToFetch(e.key, e.chargeId);
    byCharge.set(charge, [...(byCharge.get(charge) ?? []), e.id]);
  }
  const groups = [...byCharge].map(([chargeId, ids]) => ({ chargeId, ids }));
  const done = await mapLimit(groups, IN_FLIGHT, (g) => processStoredEvents(g.ids, g.chargeId));
  return groups.filter((_, i) => done[i]).reduce((n, g) => n + g.ids.length, 0);
}

/** Store charge events we never received, and collect the charges they touch. */
async function walkEvents(db: Db, omise: OmiseClient, now: Date, toCheck: Set<string>): Promise<number> {
  const cursor = await db.syncState.findUnique({ where: { key: CURSOR_KEY } });
  const from = new Date((cursor ? new Date(cursor.value).getTime() : now.getTime() - FIRST_LOOKBACK_MS) - OVERLAP_MS);
  const to = now;
  let seen = 0;
  for (let offset = 0; ; offset += 100) {
    const page = await omise.listEvents({ from: from.toISOString(), to: to.toISOString(), offset, limit: 100, order: "chronological" });
    seen += page.data.length;
    const ours = page.data.filter((e) => e.key.startsWith("charge.") && e.data?.object === "charge" && e.data.id);
    if (ours.length) {
      const ids = [...new Set(ours.map((e) => e.data?.id as string))];
      const local = new Set((await db.charge.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((c) => c.id));
      const stored = await db.webhookEvent.createMany({
        data: ours.map((e) => ({ id: e.id, key: e.key, chargeId: e.data?.id ?? null, payload: e as unknown as Prisma.InputJsonValue, processedAt: now })),
        skipDuplicates: true,
      });
      if (stored.count > 0) for (const id of ids) if (local.has(id)) toCheck.add(id);
    }
    // An unreadable event is recorded on the run (observedClient) and passed over: holding the
    // cursor would stop every later pass, and the stale sweep still re-fetches pending charges.
    const listed = page.data.length + page.skipped.length;
    if (listed === 0 || offset + listed >= page.total) break;
  }
  await db.syncState.upsert({ where: { key: CURSOR_KEY }, create: { key: CURSOR_KEY, value: to.toISOString() }, update: { value: to.toISOString() } });
  return seen;
}

async function settleAttempts(db: Db, omise: OmiseClient, now: Date): Promise<number> {
  const open = await db.chargeAttempt.findMany({
    where: { OR: [{ state: "unknown" }, { state: "creating", updatedAt: { lt: new Date(now.getTime() - STUCK_CREATE_MS) } }] },
    take: 100,
  });
  const results = await mapLimit(open, IN_FLIGHT, async (a) => {
    if (a.state === "creating") await db.chargeAttempt.updateMany({ where: { id: a.id, state: "creating" }, data: { state: "unknown" } });
    return resolveAttempt(db, omise, { ...a, state: "unknown" }, now);
  });
  return results.filter((r) => r.state !== "unknown").length;
}
