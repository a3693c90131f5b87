import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { EVENT_STATES, toEventDto, type EventState, type WebhookEventDto } from "@/lib/webhooks/event-dto";

export type WebhookEventPage = { data: WebhookEventDto[]; nextCursor: string | null };
type Cursor = { receivedAt: Date; id: string };

const encodeCursor = (c: Cursor) => Buffer.from(`${c.receivedAt.toISOString()}|${c.id}`).toString("base64url");
function decodeCursor(cursor: string): Cursor | null {
  const parts = Buffer.from(cursor, "base64url").toString().split("|");
  const [at, id] = parts;
  if (parts.length !== 2 || !at || !id) return null;
  const receivedAt = new Date(at);
  return Number.isNaN(receivedAt.getTime()) || receivedAt.toISOString() !== at ? null : { receivedAt, id };
}

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const eventsQuerySchema = z.object({
  state: z.preprocess(blank, z.enum(EVENT_STATES, { error: "webhooks.v.state" }).optional()),
  limit: z.preprocess(blank, z.coerce.number({ error: "webhooks.v.limit" }).int("webhooks.v.limit").min(1, "webhooks.v.limit").max(100, "webhooks.v.limit").default(50)),
  cursor: z.preprocess(blank, z.string().max(200, "webhooks.v.cursor").refine((c) => decodeCursor(c) !== null, "webhooks.v.cursor").optional()),
});

// Each state's predicate matches the partial index made for it (20261202050000_webhook_log),
// so a page of a rare state (a few failed among a million processed) is an index range scan.
const STATE_SQL: Record<EventState, Prisma.Sql> = {
  unprocessed: Prisma.sql`"processedAt" IS NULL AND "error" IS NULL`,
  failed: Prisma.sql`"processedAt" IS NULL AND "error" IS NOT NULL`,
  processed: Prisma.sql`"processedAt" IS NOT NULL`,
};

/** One page's query, exported for the plan-shape test. */
export function listEventsSql(opts: { state?: EventState; after?: Cursor; take: number }): Prisma.Sql {
  const where = [
    opts.state ? STATE_SQL[opts.state] : null,
    opts.after ? Prisma.sql`("receivedAt", "id") < (${opts.after.receivedAt}::timestamptz, ${opts.after.id})` : null,
  ].filter((s): s is Prisma.Sql => s !== null);
  return Prisma.sql`SELECT "id", "key", "chargeId", "receivedAt", "processedAt", "error" FROM "WebhookEvent"
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ORDER BY "receivedAt" DESC, "id" DESC LIMIT ${opts.take}`;
}

/** Stored webhook events, newest first, by state, a keyset page at a time (no count, no OFFSET). */
export async function listWebhookEvents(opts: { actor: Actor; query: unknown }): Promise<WebhookEventPage> {
  if (!can(opts.actor, "manageWebhooks")) throw new AppError("forbidden", "err.forbidden");
  const q = parseInput(eventsQuerySchema, opts.query);
  const after = q.cursor ? (decodeCursor(q.cursor) ?? undefined) : undefined;
  const db = await getDb();
  const rows = await db.$queryRaw<Parameters<typeof toEventDto>[0][]>(listEventsSql({ state: q.state, after, take: q.limit + 1 }));
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { data: page.map(toEventDto), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}
