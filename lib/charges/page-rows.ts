import "server-only";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { CHARGE_DTO_COLUMNS, chargeDtoOf, type ChargeDto, type ChargeDtoFields } from "@/lib/charges/dto";

const COLUMNS = Prisma.raw(CHARGE_DTO_COLUMNS.map((c) => `c."${c}"`).join(", "));

type Row = ChargeDtoFields & { createdById: string; createdByName: string; createdByEmail: string };

/**
 * The charges one keyset page names, with who created them, in ONE statement (one round trip,
 * through the pg pool: lib/db.ts readRows): `keys` is the page's index range scan selecting "id"
 * and its sort columns (lib/charges/list-charges.ts, list-by-deadline.ts), `order` orders its
 * rows as `keys` did. The rows are then read by primary key; the sort is over the page only.
 * `prepare`: see lib/db.ts readRows (the caller knows whether the keys' plan depends on values).
 */
export async function chargesOfKeys(keys: Prisma.Sql, order: Prisma.Sql, opts: { prepare?: boolean } = {}): Promise<ChargeDto[]> {
  // The timestamps straight to the ISO strings the answer sends (no Date made and printed back).
  const rows = await readRows<Row>(pageRowsSql(keys, order), { ...opts, isoTimestamps: true });
  return rows.map((r) => chargeDtoOf(r, { id: r.createdById, name: r.createdByName, email: r.createdByEmail }));
}

/** The statement chargesOfKeys runs, exported for the plan-shape test (tests/prepared-statements.integration.test.ts). */
export function pageRowsSql(keys: Prisma.Sql, order: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT ${COLUMNS}, c."createdById", u."name" AS "createdByName", u."email" AS "createdByEmail"
    FROM (${keys}) k JOIN "Charge" c ON c."id" = k."id" JOIN "User" u ON u."id" = c."createdById"
    ORDER BY ${order}`;
}
