import { z } from "zod";
import { DAY_MS, fromJst } from "@/lib/time/jst";

/** A JST calendar day typed as YYYY-MM-DD that exists (2026-02-30 is refused); message `v.date.invalid`. */
export const jstDaySchema = z.string().refine((v) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const [y, m, d] = v.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}, "v.date.invalid");

/** 00:00 JST of a YYYY-MM-DD day, as a UTC instant. */
export function jstDayStart(day: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return fromJst(y, m, d);
}

/** 00:00 JST of the day after: the exclusive end of an inclusive day range. */
export const jstDayEnd = (day: string): Date => new Date(jstDayStart(day).getTime() + DAY_MS);
