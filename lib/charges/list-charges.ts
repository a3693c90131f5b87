import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/errors";
import { CHARGE_STATUSES } from "@/lib/charges/status";
import type { ChargeDto } from "@/lib/charges/dto";
import { chargesOfKeys } from "@/lib/charges/page-rows";
import { searchSql } from "@/lib/charges/search-sql";
import { limitSql, statusSql } from "@/lib/charges/page-literals";
import { chargeFilterShape, chargeFilterSql, refineRanges, type ChargeFilters } from "@/lib/charges/filters";
import { decodeDeadlineCursor, encodeDeadlineCursor, withDeadlineSql, withoutDeadlineSql } from "@/lib/charges/list-by-deadline";

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
  // The ids' range scan and the rows in one statement (lib/charges/page-rows.ts).
  const keys = createdPageSql({ status: query.status === "all" ? null : query.status, q: query.q, filters: query, cursor: query.created, take: query.limit + 1 });
  const rows = await chargesOfKeys(keys, Prisma.sql`k."createdAt" DESC, k."id" DESC`, { prepare: isPlainList(query) });
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: new Date(last.createdAt), id: last.id }) : null };
}

/**
 * A list with no search and no filter: its page statements are one of a few dozen texts (status
 * tab, sort, cursor or not, page size), each planned the same whatever its cursor, so they are
 * prepared (lib/db.ts readRows). A search's or a filter's best plan depends on its values (a
 * rare word, a wide date range), so those are planned for each request as before.
 */
const isPlainList = (query: ChargeFilters & { q?: string }): boolean => searchSql(query.q).text === "" && chargeFilterSql(query).text === "";

type CreatedKey = { id: string; createdAt: Date };

/**
 * One page of ids, newest first: a range scan on (status, createdAt desc, id desc) or
 * (createdAt desc, id desc) from the cursor on, by row-value comparison. No OFFSET, no sort step.
 */
export function createdPageSql(opts: { status: string | null; q?: string; filters?: ChargeFilters; cursor?: CreatedKey; take: number }): Prisma.Sql {
  const c = opts.cursor;
  const after = c ? Prisma.sql`AND ("createdAt", "id") < (${c.createdAt}::timestamptz, ${c.id})` : Prisma.empty;
  return Prisma.sql`SELECT "id", "createdAt" FROM "Charge" WHERE TRUE ${statusSql(opts.status)} ${after} ${searchSql(opts.q)} ${chargeFilterSql(opts.filters)}
    ORDER BY "createdAt" DESC, "id" DESC ${limitSql(opts.take)}`;
}

async function listByDeadline(query: z.output<typeof listChargesQuery>): Promise<ChargePage> {
  const opts = { status: query.status === "all" ? null : query.status, q: query.q, filters: query, cursor: query.deadline, take: query.limit + 1 };
  const c = opts.cursor;
  // Charges with a deadline from the cursor on, then (the page not full) those without one, by id.
  const prepare = isPlainList(query);
  const rows = !c || c.expiresAt ? await chargesOfKeys(withDeadlineSql(opts), Prisma.sql`k."expiresAt", k."id"`, { prepare }) : [];
  // Its size is what the first scan left over (any of 1 to limit + 1): prepared only when whole,
  // so the page sizes do not multiply the texts kept per connection.
  if (rows.length < opts.take) rows.push(...(await chargesOfKeys(withoutDeadlineSql({ ...opts, take: opts.take - rows.length }), Prisma.sql`k."id"`, { prepare: prepare && rows.length === 0 })));
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > query.limit && last ? encodeDeadlineCursor({ expiresAt: last.expiresAt ? new Date(last.expiresAt) : null, id: last.id }) : null };
}
