import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getOmise } from "@/lib/omise";
import { AppError, parseInput } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { toProviderError } from "@/lib/charges/provider-error";
import { mapLimit } from "@/lib/reconcile/map-limit";
import { chargeToFetch, processStoredEvents } from "@/lib/webhooks/process-stored-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/time/jst";

export const MAX_WINDOW_DAYS = 31;
const PAGE = 100;
// One request handles at most this many events and answers with `nextOffset`: the page calls
// again, so a month of events is fetched in steps the user sees progress on, none of them long.
export const EVENTS_PER_CALL = 500;
const IN_FLIGHT = 4;

const offsetDate = z.iso.datetime({ offset: true, error: "webhooks.v.datetime" }).transform((s) => new Date(s));

export const fetchWindowSchema = z
  .object({
    from: offsetDate,
    to: offsetDate,
    offset: z.number({ error: "webhooks.v.offset" }).int("webhooks.v.offset").min(0, "webhooks.v.offset").max(1_000_000, "webhooks.v.offset").default(0),
  })
  .superRefine((w, ctx) => {
    // Zod runs this even when a field failed its format (those issues do not abort): judge only two dates.
    if (!(w.from instanceof Date) || !(w.to instanceof Date)) return;
    if (w.from.getTime() > Date.now()) ctx.addIssue({ code: "custom", path: ["from"], message: "webhooks.v.future" });
    if (w.to <= w.from) ctx.addIssue({ code: "custom", path: ["to"], message: "webhooks.v.order" });
    else if (w.to.getTime() - w.from.getTime() > MAX_WINDOW_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["to"], message: "webhooks.v.tooLong" });
  });

export type FetchResult = {
  /** Events Omise listed in this step. */
  fetched: number;
  /** Of those, stored now for the first time (the rest were stored already). */
  new: number;
  /** Of the new ones, processed (or needing none) / left failed for the reconciliation. */
  processed: number;
  failed: number;
  /** Events in the whole window, as Omise counts them. */
  total: number;
  /** Call again with this offset to go on; null when the window is done. */
  nextOffset: number | null;
};

/**
 * "Fetch from Omise": list GET /events for a window now, store each event we do not have
 * (INSERT … ON CONFLICT DO NOTHING on its id, as the webhook and the reconciliation do, so it
 * is stored exactly once whoever gets there first) and process the new ones. Audited.
 */
export async function fetchOmiseEvents(opts: { actor: Actor; input: unknown; audit?: AuditContext }): Promise<FetchResult> {
  if (!can(opts.actor, "manageWebhooks")) throw new AppError("forbidden", "err.forbidden");
  const w = parseInput(fetchWindowSchema, opts.input);
  const db = await getDb();
  const omise = getOmise();
  const r: FetchResult = { fetched: 0, new: 0, processed: 0, failed: 0, total: 0, nextOffset: null };
  let offset = w.offset;
  for (;;) {
    const page = await omise
      .listEvents({ from: w.from.toISOString(), to: w.to.toISOString(), offset, limit: PAGE, order: "chronological" })
      .catch(toProviderError);
    r.total = page.total;
    r.fetched += page.data.length;
    const fresh = await db.webhookEvent.createManyAndReturn({
      data: page.data.map((e) => {
        const chargeId = e.data?.object === "charge" ? (e.data.id ?? null) : null;
        // As the webhook stores them: only a charge event has anything to process.
        const needsProcessing = chargeToFetch(e.key, chargeId) !== null;
        return { id: e.id, key: e.key, chargeId, payload: e as unknown as Prisma.InputJsonValue, processedAt: needsProcessing ? null : new Date() };
      }),
      skipDuplicates: true,
      select: { id: true, key: true, chargeId: true, processedAt: true },
    });
    r.new += fresh.length;
    r.processed += fresh.filter((e) => e.processedAt).length;
    const ok = await processNew(fresh.filter((e) => !e.processedAt));
    r.processed += ok.processed;
    r.failed += ok.failed;
    const listed = page.data.length + page.skipped.length;
    offset += listed;
    if (listed === 0 || offset >= page.total) break;
    if (offset - w.offset >= EVENTS_PER_CALL) {
      r.nextOffset = offset;
      break;
    }
  }
  await recordAudit(
    db,
    {
      action: "webhook.fetch",
      actorId: opts.actor.id,
      actorEmail: opts.actor.email,
      targetType: "webhook_event",
      detail: { from: w.from.toISOString(), to: w.to.toISOString(), offset: w.offset, ...r },
    },
    opts.audit,
  );
  return r;
}

/** One re-fetch per charge settles all of its new events (as the reconciliation does). */
async function processNew(events: { id: string; key: string; chargeId: string | null }[]): Promise<{ processed: number; failed: number }> {
  const byCharge = new Map<string | null, string[]>();
  for (const e of events) {
    const charge = chargeToFetch(e.key, e.chargeId);
    byCharge.set(charge, [...(byCharge.get(charge) ?? []), e.id]);
  }
  const groups = [...byCharge].map(([chargeId, ids]) => ({ chargeId, ids }));
  const done = await mapLimit(groups, IN_FLIGHT, (g) => processStoredEvents(g.ids, g.chargeId));
  const processed = groups.filter((_, i) => done[i]).reduce((n, g) => n + g.ids.length, 0);
  return { processed, failed: events.length - processed };
}
