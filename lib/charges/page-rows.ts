import "server-only";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { CHARGE_DTO_COLUMNS, toChargeDto, type ChargeDto, type ChargeDtoRow } from "@/lib/charges/dto";

const COLUMNS = Prisma.raw(CHARGE_DTO_COLUMNS.map((c) => `c."${c}"`).join(", "));

type Row = Omit<ChargeDtoRow, "createdBy"> & { createdById: string; createdByName: string; createdByEmail: string };

/**
 * The charges one keyset page names, with who created them, in ONE statement (one round trip,
 * through the pg pool: lib/db.ts readRows): `keys` is the page's index range scan selecting "id"
 * and its sort columns (lib/charges/list-charges.ts, list-by-deadline.ts), `order` orders its
 * rows as `keys` did. The rows are then read by primary key; the sort is over the page only.
 * `prepare`: see lib/db.ts readRows (the caller knows whether the keys' plan depends on values).
 */
export async function chargesOfKeys(keys: Prisma.Sql, order: Prisma.Sql, opts: { prepare?: boolean } = {}): Promise<ChargeDto[]> {
  const rows = await readRows<Row>(pageRowsSql(keys, order), opts);
  return rows.map(({ createdById, createdByName, createdByEmail, ...r }) => toChargeDto({ ...r, createdBy: { id: createdById, name: createdByName, email: createdByEmail } }));
}

/** The statement chargesOfKeys runs, exported for the plan-shape test (tests/prepared-statements.integration.test.ts). */
export function pageRowsSql(keys: Prisma.Sql, order: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT ${COLUMNS}, c."createdById", u."name" AS "createdByName", u."email" AS "createdByEmail"
    FROM (${keys}) k JOIN "Charge" c ON c."id" = k."id" JOIN "User" u ON u."id" = c."createdById"
    ORDER BY ${order}`;
}
