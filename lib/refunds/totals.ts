import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { jstDateKey } from "@/lib/format";
import { DAY_MS, fromJst } from "@/lib/time/jst";

export type RefundDay = {
  day: string; // JST calendar day, YYYY-MM-DD
  transferredCount: number; // refunds marked transferred that day
  transferredAmount: number;
  requestedCount: number; // refunds requested that day and still waiting for the transfer
  requestedAmount: number;
};
export type RefundTotals = { days: RefundDay[]; transferred: { count: number; amount: number }; requested: { count: number; amount: number } };

const MAX_DAYS = 400;
const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayStart(key: string): Date {
  const m = DAY_KEY.exec(key);
  if (!m) throw new AppError("unprocessable", "refunds.err.range");
  return fromJst(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Refunded totals by JST day over [from, to] (JST days, inclusive), for the analytics page:
 * transferred amount and count by day of transfer, and requested-not-yet-transferred by day of
 * request. Two range scans on the (state, transferredAt) and (state, requestedAt) indexes, so
 * the cost follows the refunds in the range, not the table. Any signed-in role may read.
 */
export async function refundTotals(opts: { from: string; to: string }): Promise<RefundTotals> {
  const start = dayStart(opts.from);
  const end = new Date(dayStart(opts.to).getTime() + DAY_MS);
  const length = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  if (length < 1 || length > MAX_DAYS) throw new AppError("unprocessable", "refunds.err.range");
  const db = await getDb();
  type Row = { day: string; count: number; amount: bigint };
  const [transferred, requested] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT to_char(("transferredAt" AT TIME ZONE 'Asia/Tokyo')::date, 'YYYY-MM-DD') AS "day", count(*)::int AS "count", sum("amount")::bigint AS "amount"
      FROM "Refund" WHERE "state" = 'transferred' AND "transferredAt" >= ${start} AND "transferredAt" < ${end} GROUP BY 1`,
    db.$queryRaw<Row[]>`SELECT to_char(("requestedAt" AT TIME ZONE 'Asia/Tokyo')::date, 'YYYY-MM-DD') AS "day", count(*)::int AS "count", sum("amount")::bigint AS "amount"
      FROM "Refund" WHERE "state" = 'requested' AND "requestedAt" >= ${start} AND "requestedAt" < ${end} GROUP BY 1`,
  ]);
  const days: RefundDay[] = Array.from({ length }, (_, i) => ({ day: jstDateKey(new Date(start.getTime() + i * DAY_MS)), transferredCount: 0, transferredAmount: 0, requestedCount: 0, requestedAmount: 0 }));
  const byDay = new Map(days.map((d) => [d.day, d]));
  for (const r of transferred) {
    const d = byDay.get(r.day);
    if (d) Object.assign(d, { transferredCount: r.count, transferredAmount: Number(r.amount) });
  }
  for (const r of requested) {
    const d = byDay.get(r.day);
    if (d) Object.assign(d, { requestedCount: r.count, requestedAmount: Number(r.amount) });
  }
  const total = (c: "transferredCount" | "requestedCount", a: "transferredAmount" | "requestedAmount") => ({
    count: days.reduce((n, d) => n + d[c], 0),
    amount: days.reduce((n, d) => n + d[a], 0),
  });
  return { days, transferred: total("transferredCount", "transferredAmount"), requested: total("requestedCount", "requestedAmount") };
}
