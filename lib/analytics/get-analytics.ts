import "server-only";
import { getDb } from "@/lib/db";
import { AMOUNT_BANDS, DEADLINE_BANDS, PAY_TIME_BANDS, type AmountBand, type DeadlineBand, type PayTimeBand } from "@/lib/analytics/bands";
import { bandsSql, dailySql, payTimeSql } from "@/lib/analytics/analytics-sql";
import { percentileDisc } from "@/lib/analytics/percentile";
import { refundTotals } from "@/lib/refunds/totals";
import { addDays, parseAnalyticsRange, type AnalyticsRange } from "@/lib/analytics/range";

export type Figure = { count: number; amount: number };
/**
 * Outcomes of one JST day or band. Rates are shares of paid + expired + failed, by count (null
 * when none of the three): `paidRate` = paid / (paid + expired + failed), and so on; reversed
 * charges are shown apart and left out of the rates.
 */
export type Outcomes = { paid: Figure; expired: Figure; failed: Figure; reversed: Figure; paidRate: number | null; expiredRate: number | null; failedRate: number | null };
export type Analytics = {
  range: AnalyticsRange;
  totals: Outcomes;
  daily: ({ day: string } & Outcomes)[];
  /** Successful charges, in whole hours (floored) from creation to payment, by the day paid. */
  payTime: {
    unit: "hour";
    count: number;
    median: number | null;
    p90: number | null;
    histogram: { hours: number; count: number }[];
    distribution: { band: PayTimeBand; count: number }[];
  };
  byDeadline: ({ band: DeadlineBand } & Outcomes)[];
  byAmount: ({ band: AmountBand } & Outcomes)[];
  byStaff: ({ staffId: string; name: string | null } & Outcomes)[];
  failureReasons: { code: string; count: number; amount: number }[];
  /** Refunds by bank transfer (lib/refunds/totals.ts): transferred by JST day of transfer, and those requested in the range still awaiting it. */
  refunded: Figure & { awaiting: Figure; daily: { day: string; count: number; amount: number }[] };
};

const STATUS_KEY = { successful: "paid", expired: "expired", failed: "failed", reversed: "reversed" } as const;
type Row = { status: string; count: bigint | number; amount: bigint | number };

const empty = (): Outcomes => ({ paid: zero(), expired: zero(), failed: zero(), reversed: zero(), paidRate: null, expiredRate: null, failedRate: null });
const zero = (): Figure => ({ count: 0, amount: 0 });

function add(o: Outcomes, r: Row) {
  const key = STATUS_KEY[r.status as keyof typeof STATUS_KEY];
  if (!key) return;
  o[key].count += Number(r.count);
  o[key].amount += Number(r.amount);
}
function withRate<T extends Outcomes>(o: T): T {
  const decided = o.paid.count + o.expired.count + o.failed.count;
  o.paidRate = decided === 0 ? null : o.paid.count / decided;
  o.expiredRate = decided === 0 ? null : o.expired.count / decided;
  o.failedRate = decided === 0 ? null : o.failed.count / decided;
  return o;
}

/**
 * Konbini analytics over a range of JST days (validated query: `from`, `to`), from the tables the
 * database keeps current (migration 20261202030000): no scan or aggregate over "Charge". Admins
 * only; the caller checked the role.
 */
export async function getAnalytics(opts: { query: { from?: unknown; to?: unknown }; now?: Date }): Promise<Analytics> {
  const range = parseAnalyticsRange(opts.query, opts.now ?? new Date());
  const db = await getDb();
  type DayRow = Row & { day: string };
  type BandRow = Row & { dim: string; band: string };
  const [dayRows, bandRows, payRows, refunds] = await Promise.all([
    db.$queryRaw<DayRow[]>(dailySql(range)),
    db.$queryRaw<BandRow[]>(bandsSql(range)),
    db.$queryRaw<{ hours: number; count: bigint }[]>(payTimeSql(range)),
    refundTotals({ from: range.from, to: range.to }),
  ]);

  const daily = Array.from({ length: range.days }, (_, i) => ({ day: addDays(range.from, i), ...empty() }));
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const totals = empty();
  for (const r of dayRows) {
    const d = byDay.get(r.day);
    if (d) add(d, r);
    add(totals, r);
  }

  const grouped = (dim: string) => {
    const m = new Map<string, Outcomes>();
    for (const r of bandRows.filter((b) => b.dim === dim)) {
      if (!m.has(r.band)) m.set(r.band, empty());
      add(m.get(r.band)!, r);
    }
    return m;
  };
  const deadline = grouped("deadline");
  const amount = grouped("amount");
  const staff = grouped("staff");
  const users = staff.size ? await db.user.findMany({ where: { id: { in: [...staff.keys()] } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));

  const histogram = payRows.map((r) => ({ hours: Number(r.hours), count: Number(r.count) }));
  const bins = histogram.map((h) => ({ value: h.hours, count: h.count }));
  return {
    range,
    totals: withRate(totals),
    daily: daily.map(withRate),
    payTime: {
      unit: "hour",
      count: histogram.reduce((n, h) => n + h.count, 0),
      median: percentileDisc(bins, 0.5),
      p90: percentileDisc(bins, 0.9),
      histogram,
      distribution: PAY_TIME_BANDS.map(({ band, from, to }) => ({
        band,
        count: histogram.filter((h) => h.hours >= from && h.hours < to).reduce((n, h) => n + h.count, 0),
      })),
    },
    byDeadline: DEADLINE_BANDS.map((band) => withRate({ band, ...(deadline.get(band) ?? empty()) })),
    byAmount: AMOUNT_BANDS.map((band) => withRate({ band, ...(amount.get(band) ?? empty()) })),
    byStaff: [...staff.entries()]
      .map(([staffId, o]) => withRate({ staffId, name: names.get(staffId) ?? null, ...o }))
      .toSorted((a, b) => b.paid.count + b.expired.count + b.failed.count - (a.paid.count + a.expired.count + a.failed.count) || a.staffId.localeCompare(b.staffId)),
    failureReasons: bandRows
      .filter((r) => r.dim === "failure" && Number(r.count) !== 0)
      .map((r) => ({ code: r.band, count: Number(r.count), amount: Number(r.amount) }))
      .toSorted((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    refunded: {
      ...refunds.transferred,
      awaiting: refunds.requested,
      daily: refunds.days.map((d) => ({ day: d.day, count: d.transferredCount, amount: d.transferredAmount })),
    },
  };
}
