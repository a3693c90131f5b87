import "server-only";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { searchSql } from "@/lib/charges/search-sql";
import { chargeFilterSql, type ChargeFilters } from "@/lib/charges/filters";
import type { StatusTab } from "@/lib/charges/list-charges";

// The list's tab counts and the polling version, read from tables the database keeps current in
// the same transaction as every write to "Charge" (triggers in migration 20261201160000): no
// count over the charges table on a page load. Created days and the staff member are keys of
// those tables, so those filters count exactly from them. A text search, an amount or a deadline
// range cannot be pre-counted; those counts come through the indexes and stop at
// SEARCH_COUNT_CAP matches, flagged as `capped` (the list shows "10,000+").
export const SEARCH_COUNT_CAP = 10_000;

export type ChargeCounts = Record<StatusTab, number> & { capped?: boolean };

const STATUSES = ["pending", "successful", "expired", "failed"] as const;

function fromGroups(rows: { status: string; count: string | number }[]): ChargeCounts {
  const counts: ChargeCounts = { pending: 0, successful: 0, expired: 0, failed: 0, all: 0 };
  for (const r of rows) {
    const n = Number(r.count);
    if ((STATUSES as readonly string[]).includes(r.status)) counts[r.status as (typeof STATUSES)[number]] += n;
    counts.all += n;
  }
  return counts;
}

/** Per-tab counts for the list's filters. Any signed-in role may read; the caller checked the session. */
export async function getChargeCounts(opts: { q?: string; filters?: ChargeFilters } = {}): Promise<ChargeCounts> {
  const f = opts.filters ?? {};
  const search = searchSql(opts.q?.trim() || undefined);
  const exact = search === Prisma.empty && !f.deadlineFrom && !f.deadlineTo && f.amountMin === undefined && f.amountMax === undefined;
  // Straight to the pg pool (lib/db.ts readRows): the counts are read on every list page and poll.
  if (exact) return fromGroups(await readRows<{ status: string; count: string }>(keptCountSql(f)));
  const rows = await readRows<{ status: string; count: string }>(Prisma.sql`
    SELECT "status", count(*)::text AS "count" FROM (
      SELECT "status" FROM "Charge" WHERE TRUE ${search} ${chargeFilterSql(f)} LIMIT ${SEARCH_COUNT_CAP + 1}
    ) m GROUP BY "status"`);
  const counts = fromGroups(rows);
  if (counts.all > SEARCH_COUNT_CAP) counts.capped = true;
  return counts;
}

/** Counts by status from the kept-current tables: the totals, or the JST days created when a day range is set. */
export function keptCountSql(f: Pick<ChargeFilters, "from" | "to" | "staff">): Prisma.Sql {
  const staff = f.staff ? Prisma.sql`AND "createdById" = ${f.staff}` : Prisma.empty;
  if (!f.from && !f.to) return Prisma.sql`SELECT "status", sum("count")::text AS "count" FROM "ChargeCountTotal" WHERE TRUE ${staff} GROUP BY "status"`;
  const from = f.from ? Prisma.sql`AND "day" >= ${f.from}::date` : Prisma.empty;
  const to = f.to ? Prisma.sql`AND "day" <= ${f.to}::date` : Prisma.empty;
  return Prisma.sql`SELECT "status", sum("count")::text AS "count" FROM "ChargeCountDaily" WHERE TRUE ${from} ${to} ${staff} GROUP BY "status"`;
}

/**
 * A number that grows with every committed write to a charge (insert, any update, delete):
 * the list's polling version. Read from the kept-current totals, never from "Charge".
 */
export async function getChangeVersion(): Promise<string> {
  const [row] = await readRows<{ v: string }>(Prisma.sql`SELECT (${changeVersionSql()})::text AS v`, { prepare: true });
  return row?.v ?? "0";
}

/** getChangeVersion's statement (one row, one bigint `v`), for reading it inside another statement (lib/auth/sessions.ts). */
export const changeVersionSql = (): Prisma.Sql => Prisma.sql`SELECT coalesce(sum("changes"), 0)::bigint AS v FROM "ChargeCountTotal"`;

/** The ETag of a charge list or counts answer read at `version` (weak: the body is JSON of that state). */
export const chargesEtag = (version: string): string => `W/"charges-${version}"`;
