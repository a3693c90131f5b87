// The bands the analytics group by. The SQL that assigns them lives in migration
// 20261202030000_analytics (kd_deadline_band, kd_amount_band); these are their ids, in display order.

/** Deadline length in JST calendar days from the day created to the day of the deadline; "none": no deadline. */
export const DEADLINE_BANDS = ["d1_3", "d4_7", "d8_14", "d15", "none"] as const;
/** Amount in yen: < 3,000; 3,000–9,999; 10,000–19,999; 20,000–29,999; ≥ 30,000 (the app takes up to ¥49,999). */
export const AMOUNT_BANDS = ["a0", "a3k", "a10k", "a20k", "a30k"] as const;
/** Time from creation to payment, from the whole-hour histogram: [from, to) in hours. */
export const PAY_TIME_BANDS = [
  { band: "h0", from: 0, to: 1 },
  { band: "h1_6", from: 1, to: 6 },
  { band: "h6_24", from: 6, to: 24 },
  { band: "d1_3", from: 24, to: 72 },
  { band: "d3_7", from: 72, to: 168 },
  { band: "d7", from: 168, to: Infinity },
] as const;

export type DeadlineBand = (typeof DEADLINE_BANDS)[number];
export type AmountBand = (typeof AMOUNT_BANDS)[number];
export type PayTimeBand = (typeof PAY_TIME_BANDS)[number]["band"];
