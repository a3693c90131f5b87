import { z } from "zod";
import { parseInput } from "@/lib/errors";
import { jstDateKey } from "@/lib/format";
import { DAY_MS } from "@/lib/time/jst";
import { jstDaySchema } from "@/lib/time/jst-day";

// The analytics' range: JST calendar days, both inclusive. Pure (the caller passes now).
export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;
export const RANGE_PRESETS = [7, 30, 90] as const;

export type AnalyticsRange = { from: string; to: string; days: number };

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
export const addDays = (day: string, n: number) => new Date((dayNumber(day) + n) * DAY_MS).toISOString().slice(0, 10);
export const rangeDays = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1;

/** The range ending today (JST) that a preset of `days` days stands for. */
export function presetRange(days: number, now: Date): { from: string; to: string } {
  const to = jstDateKey(now);
  return { from: addDays(to, 1 - days), to };
}

const querySchema = z.object({
  from: z.preprocess(blank, jstDaySchema.optional()),
  to: z.preprocess(blank, jstDaySchema.optional()),
});

/**
 * `from`/`to` from a query string, validated (422 naming the field): a missing `to` is today, a
 * missing `from` the 30th day back from `to`; `from` after `to`, or more than 366 days, is refused.
 */
export function parseAnalyticsRange(query: { from?: unknown; to?: unknown }, now: Date): AnalyticsRange {
  const parsed = parseInput(querySchema, query);
  const to = parsed.to ?? jstDateKey(now);
  const from = parsed.from ?? addDays(to, 1 - DEFAULT_RANGE_DAYS);
  const checked = parseInput(
    z
      .object({ from: z.string(), to: z.string() })
      .refine((r) => r.from <= r.to, { path: ["from"], message: "analytics.v.order" })
      .refine((r) => rangeDays(r.from, r.to) <= MAX_RANGE_DAYS, { path: ["from"], message: "analytics.v.tooLong" }),
    { from, to },
  );
  return { ...checked, days: rangeDays(checked.from, checked.to) };
}
