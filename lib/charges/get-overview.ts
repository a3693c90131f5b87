import "server-only";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { jstDateKey } from "@/lib/format";
import { DAY_MS, startOfJstDay, startOfJstMonth } from "@/lib/time/jst";

export type Overview = {
  pending: { count: number; amount: number };
  paidToday: { count: number; amount: number };
  paidMonth: { count: number; amount: number };
  expiredMonth: { count: number; amount: number };
  daily: { day: string; paid: number; expired: number }[];
  /** Pending charges whose deadline falls in [now, now + 24 h]: the expiring-soon queue's urgent part. */
  expiringSoon: number;
};

/**
 * Today's and this month's figures, with JST calendar days, from the tables the database keeps
 * current (migration 20261201160000): no scan or aggregate over the charges table. Any signed-in
 * role may read.
 */
export async function getOverview(opts: { now?: Date } = {}): Promise<Overview> {
  const now = opts.now ?? new Date();
  const today = jstDateKey(startOfJstDay(now));
  const month = jstDateKey(startOfJstMonth(now));
  const since = new Date(startOfJstDay(now).getTime() - 29 * DAY_MS);
  const sinceKey = jstDateKey(since);
  const earliest = month < sinceKey ? month : sinceKey;
  type Row = { kind: "outcome" | "pending" | "expiring"; day: string | null; status: string | null; count: string | null; amount: string | null };
  // One statement, one round trip (lib/db.ts readRows); bigints come back as text. The outcome days,
  // the pending total, and the pending charges due within 24 h: a range on the (status, expiresAt, id) index.
  const rows = await readRows<Row>(Prisma.sql`
    SELECT 'outcome' AS "kind", to_char("day", 'YYYY-MM-DD') AS "day", "status", "count"::text AS "count", "amount"::text AS "amount"
      FROM "ChargeOutcomeDaily" WHERE "day" >= ${earliest}::date
    UNION ALL
    SELECT 'pending', NULL, NULL, sum("count")::text, sum("amount")::text FROM "ChargeCountTotal" WHERE "status" = 'pending'
    UNION ALL
    SELECT 'expiring', NULL, NULL, count(*)::text, NULL FROM "Charge"
      WHERE "status" = 'pending' AND "expiresAt" >= ${now}::timestamptz AND "expiresAt" <= ${new Date(now.getTime() + DAY_MS)}::timestamptz`, { prepare: true });
  const outcomes = rows.filter((r) => r.kind === "outcome") as (Row & { day: string; status: string })[];
  const pendingRows = rows.filter((r) => r.kind === "pending");
  const expiringSoon = Number(rows.find((r) => r.kind === "expiring")?.count ?? 0);
  const total = (rows: Row[]) => ({ count: rows.reduce((n, r) => n + Number(r.count), 0), amount: rows.reduce((n, r) => n + Number(r.amount), 0) });
  const paid = outcomes.filter((r) => r.status === "successful");
  const expired = outcomes.filter((r) => r.status === "expired");
  const daily = Array.from({ length: 30 }, (_, i) => ({ day: jstDateKey(new Date(since.getTime() + i * DAY_MS)), paid: 0, expired: 0 }));
  const byDay = new Map(daily.map((d) => [d.day, d]));
  for (const r of outcomes) {
    const bucket = byDay.get(r.day);
    if (bucket && r.status === "successful") bucket.paid += Number(r.count);
    else if (bucket) bucket.expired += Number(r.count);
  }
  return {
    pending: { count: Number(pendingRows[0]?.count ?? 0), amount: Number(pendingRows[0]?.amount ?? 0) },
    // "From today on" and "from the 1st on", as before: a time after now (the simulator's clock,
    // a clock that ran ahead) still counts.
    paidToday: total(paid.filter((r) => r.day >= today)),
    paidMonth: total(paid.filter((r) => r.day >= month)),
    expiredMonth: total(expired.filter((r) => r.day >= month)),
    daily,
    expiringSoon,
  };
}
