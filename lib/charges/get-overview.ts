import "server-only";
import { getDb } from "@/lib/db";
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
  const db = await getDb();
  const today = jstDateKey(startOfJstDay(now));
  const month = jstDateKey(startOfJstMonth(now));
  const since = new Date(startOfJstDay(now).getTime() - 29 * DAY_MS);
  const sinceKey = jstDateKey(since);
  const earliest = month < sinceKey ? month : sinceKey;
  type Row = { day: string; status: string; count: bigint; amount: bigint };
  const [outcomes, pendingRows, expiringSoon] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT to_char("day", 'YYYY-MM-DD') AS "day", "status", "count", "amount" FROM "ChargeOutcomeDaily"
      WHERE "day" >= ${earliest}::date`,
    db.$queryRaw<{ count: bigint | null; amount: bigint | null }[]>`SELECT sum("count")::bigint AS "count", sum("amount")::bigint AS "amount" FROM "ChargeCountTotal" WHERE "status" = 'pending'`,
    // A range on the (status, expiresAt, id) index.
    db.charge.count({ where: { status: "pending", expiresAt: { gte: now, lte: new Date(now.getTime() + DAY_MS) } } }),
  ]);
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
