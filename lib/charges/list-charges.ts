import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/errors";
import { CHARGE_STATUSES } from "@/lib/charges/status";
import { chargeInclude, toChargeDto, type ChargeDto } from "@/lib/charges/dto";
import { searchSql } from "@/lib/charges/search-sql";
import { chargeFilterShape, chargeFilterSql, refineRanges, type ChargeFilters } from "@/lib/charges/filters";
import { decodeDeadlineCursor, deadlinePageIds, encodeDeadlineCursor } from "@/lib/charges/list-by-deadline";

export const LIST_SORTS = ["created", "deadline"] as const;
export const STATUS_TABS = ["pending", "successful", "expired", "failed", "all"] as const;
export type StatusTab = (typeof STATUS_TABS)[number];

// Keyset cursor over (createdAt desc, id desc): stable under inserts, no OFFSET.
function encodeCursor(c: { createdAt: Date; id: string }): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const parts = Buffer.from(cursor, "base64url").toString().split("|");
  const [at, id] = parts;
  const createdAt = new Date(at ?? "");
  if (parts.length !== 2 || !id || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at) return null;
  return { createdAt, id };
}

// Query-string input (GET /api/charges and the list page): every field's message is a catalog key.
// `sort=created` (default) is newest first; `deadline` is soonest deadline first, none last. The
// cursor is decoded for the sort asked for, so one sort's cursor is refused by the other.
export const listChargesQuery = z
  .object({
    status: z.enum([...CHARGE_STATUSES, "all"], "v.status.invalid").default("all"),
    sort: z.enum(LIST_SORTS, "v.sort.invalid").default("created"),
    q: z.string().trim().max(100, "v.search.tooLong").optional(),
    limit: z.coerce.number("v.limit.invalid").int("v.limit.invalid").min(1, "v.limit.invalid").max(100, "v.limit.invalid").default(25),
    cursor: z.string().max(200, "v.cursor.invalid").optional(),
    ...chargeFilterShape,
  })
  .superRefine(refineRanges)
  .transform(({ cursor, ...rest }, ctx) => {
    if (cursor === undefined) return { ...rest, created: undefined, deadline: undefined };
    const created = rest.sort === "created" ? decodeCursor(cursor) : null;
    const deadline = rest.sort === "deadline" ? decodeDeadlineCursor(cursor) : null;
    if (!created && !deadline) {
      ctx.addIssue({ code: "custom", path: ["cursor"], message: "v.cursor.invalid" });
      return z.NEVER;
    }
    return { ...rest, created: created ?? undefined, deadline: deadline ?? undefined };
  });

type ChargePage = { data: ChargeDto[]; nextCursor: string | null };

/** A page of charges, newest first or soonest deadline first. Any signed-in role may read; the caller checked the session. */
export async function listCharges(opts: { query: Record<string, unknown> }): Promise<ChargePage> {
  const query = parseInput(listChargesQuery, opts.query);
  if (query.sort === "deadline") return listByDeadline(query);
  const ids = await createdPageIds({ status: query.status === "all" ? null : query.status, q: query.q, filters: query, cursor: query.created, take: query.limit + 1 });
  const page = ids.slice(0, query.limit);
  const data = await loadInOrder(page.map((k) => k.id));
  const last = page.at(-1);
  return { data, nextCursor: ids.length > query.limit && last ? encodeCursor(last) : null };
}

type CreatedKey = { id: string; createdAt: Date };

/**
 * One page of ids, newest first: a range scan on (status, createdAt desc, id desc) or
 * (createdAt desc, id desc) from the cursor on, by row-value comparison. No OFFSET, no sort step.
 */
export function createdPageSql(opts: { status: string | null; q?: string; filters?: ChargeFilters; cursor?: CreatedKey; take: number }): Prisma.Sql {
  const status = opts.status ? Prisma.sql`AND "status" = ${opts.status}` : Prisma.empty;
  const c = opts.cursor;
  const after = c ? Prisma.sql`AND ("createdAt", "id") < (${c.createdAt}::timestamptz, ${c.id})` : Prisma.empty;
  return Prisma.sql`SELECT "id", "createdAt" FROM "Charge" WHERE TRUE ${status} ${after} ${searchSql(opts.q)} ${chargeFilterSql(opts.filters)}
    ORDER BY "createdAt" DESC, "id" DESC LIMIT ${opts.take}`;
}

async function createdPageIds(opts: Parameters<typeof createdPageSql>[0]): Promise<CreatedKey[]> {
  const db = await getDb();
  return db.$queryRaw<CreatedKey[]>(createdPageSql(opts));
}

/** The rows for `ids`, in that order; a row gone between the two reads (none are deleted today) is skipped. */
async function loadInOrder(ids: string[]): Promise<ChargeDto[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  const rows = await db.charge.findMany({ where: { id: { in: ids } }, include: chargeInclude });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toChargeDto(row)] : [];
  });
}

async function listByDeadline(query: z.output<typeof listChargesQuery>): Promise<ChargePage> {
  const keys = await deadlinePageIds({ status: query.status === "all" ? null : query.status, q: query.q, filters: query, cursor: query.deadline, take: query.limit + 1 });
  const page = keys.slice(0, query.limit);
  const data = await loadInOrder(page.map((k) => k.id));
  const last = page.at(-1);
  return { data, nextCursor: keys.length > query.limit && last ? encodeDeadlineCursor(last) : null };
}
