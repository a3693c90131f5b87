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

/** Today's and this month's figures, with JST calendar days. Any signed-in role may read. */
export async function getOverview(opts: { now?: Date } = {}): Promise<Overview> {
  const now = opts.now ?? new Date();
  const db = await getDb();
  const today = startOfJstDay(now);
  const month = startOfJstMonth(now);
  const since = new Date(today.getTime() - 29 * DAY_MS);
  const sum = async (where: object) => {
    const r = await db.charge.aggregate({ where, _count: { _all: true }, _sum: { amount: true } });
    return { count: r._count._all, amount: r._sum.amount ?? 0 };
  };
  const [pending, paidToday, paidMonth, expiredMonth, recent, expiringSoon] = await Promise.all([
    sum({ status: "pending" }),
    sum({ status: "successful", paidAt: { gte: today } }),
    sum({ status: "successful", paidAt: { gte: month } }),
    sum({ status: "expired", expiredAt: { gte: month } }),
    db.charge.findMany({
      where: {
        OR: [
          { status: "successful", paidAt: { gte: since } },
          { status: "expired", expiredAt: { gte: since } },
        ],
      },
      select: { status: true, paidAt: true, expiredAt: true },
    }),
    // A range on the (status, expiresAt, id) index.
    db.charge.count({ where: { status: "pending", expiresAt: { gte: now, lte: new Date(now.getTime() + DAY_MS) } } }),
  ]);
  const daily = Array.from({ length: 30 }, (_, i) => ({ day: jstDateKey(new Date(since.getTime() + i * DAY_MS)), paid: 0, expired: 0 }));
  const byDay = new Map(daily.map((d) => [d.day, d]));
  for (const r of recent) {
    const at = r.status === "successful" ? r.paidAt : r.expiredAt;
    const bucket = at ? byDay.get(jstDateKey(at)) : undefined;
    if (bucket && r.status === "successful") bucket.paid++;
    else if (bucket) bucket.expired++;
  }
  return { pending, paidToday, paidMonth, expiredMonth, daily, expiringSoon };
}
