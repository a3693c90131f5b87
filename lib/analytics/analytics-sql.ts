import { Prisma } from "@/lib/generated/prisma/client";

// The analytics' queries, over the kept-current tables of migration 20261202030000 only (never
// "Charge"): each a range on the tables' primary keys, which start with the JST day.
// Exported so tests/analytics.integration.test.ts can EXPLAIN them.
type Range = { from: string; to: string };

/** Outcomes per JST day and status. */
export const dailySql = ({ from, to }: Range) => Prisma.sql`
  SELECT to_char("day", 'YYYY-MM-DD') AS "day", "status", "count", "amount" FROM "ChargeAnalyticsDaily"
  WHERE "day" BETWEEN ${from}::date AND ${to}::date AND "dim" = 'all' AND "band" = ''`;

/** Outcomes per dimension (deadline, amount, staff, failure), band and status over the range. */
export const bandsSql = ({ from, to }: Range) => Prisma.sql`
  SELECT "dim", "band", "status", sum("count")::bigint AS "count", sum("amount")::bigint AS "amount" FROM "ChargeAnalyticsDaily"
  WHERE "day" BETWEEN ${from}::date AND ${to}::date AND "dim" <> 'all'
  GROUP BY 1, 2, 3 HAVING sum("count") <> 0 OR sum("amount") <> 0`;

/** Successful charges per whole hour from creation to payment, over the range (by day paid). */
export const payTimeSql = ({ from, to }: Range) => Prisma.sql`
  SELECT "hours", sum("count")::bigint AS "count" FROM "ChargePaidLatency"
  WHERE "day" BETWEEN ${from}::date AND ${to}::date GROUP BY 1 HAVING sum("count") <> 0 ORDER BY 1`;
