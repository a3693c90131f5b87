import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { searchSql } from "@/lib/charges/search-sql";
import { chargeFilterSql, type ChargeFilters } from "@/lib/charges/filters";
import { limitSql, statusSql } from "@/lib/charges/page-literals";

// Keyset cursor over (expiresAt asc, id asc), charges without a deadline last. The "d" tag keeps
// it apart from the created-order cursor (two parts), so neither decodes as the other.
export type DeadlineCursor = { expiresAt: Date | null; id: string };

export function encodeDeadlineCursor(c: DeadlineCursor): string {
  return Buffer.from(`d|${c.expiresAt ? c.expiresAt.toISOString() : ""}|${c.id}`).toString("base64url");
}

export function decodeDeadlineCursor(cursor: string): DeadlineCursor | null {
  const parts = Buffer.from(cursor, "base64url").toString().split("|");
  const [tag, at, id] = parts;
  if (parts.length !== 3 || tag !== "d" || !id || at === undefined) return null;
  if (at === "") return { expiresAt: null, id };
  const expiresAt = new Date(at);
  if (Number.isNaN(expiresAt.getTime()) || expiresAt.toISOString() !== at) return null;
  return { expiresAt, id };
}

type PageOpts = { status: string | null; q?: string; filters?: ChargeFilters; cursor?: DeadlineCursor; take: number };

/** The first scan (charges with a deadline, from the cursor on), exported for the plan-shape test. */
export function withDeadlineSql(opts: PageOpts): Prisma.Sql {
  const status = statusSql(opts.status);
  const c = opts.cursor;
  const after = c?.expiresAt ? Prisma.sql`AND ("expiresAt", "id") > (${c.expiresAt}::timestamptz, ${c.id})` : Prisma.empty;
  return Prisma.sql`SELECT "id", "expiresAt" FROM "Charge"
    WHERE "expiresAt" IS NOT NULL ${status} ${after} ${searchSql(opts.q)} ${chargeFilterSql(opts.filters)}
    ORDER BY "expiresAt", "id" ${limitSql(opts.take)}`;
}

/**
 * The second scan: charges without a deadline, by id, from the cursor on when it points there.
 * One page in deadline order is two index range scans on (status, expiresAt, id): withDeadlineSql,
 * then, if the page is not full, this one (lib/charges/list-charges.ts). No OFFSET, no sort step.
 */
export function withoutDeadlineSql(opts: PageOpts): Prisma.Sql {
  const status = statusSql(opts.status);
  const c = opts.cursor;
  const after = c && !c.expiresAt ? Prisma.sql`AND "id" > ${c.id}` : Prisma.empty;
  return Prisma.sql`SELECT "id", "expiresAt" FROM "Charge"
    WHERE "expiresAt" IS NULL ${status} ${after} ${searchSql(opts.q)} ${chargeFilterSql(opts.filters)}
    ORDER BY "id" ${limitSql(opts.take)}`;
}
