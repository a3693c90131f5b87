import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { jstDayEnd, jstDayStart, jstDaySchema } from "@/lib/time/jst-day";

// The charge list's filters beyond status and text search, one set for every reader of the list:
// GET /api/charges, the /charges page (the same names in its URL, so a view can be bookmarked),
// the counts and the CSV export. Days are JST calendar days, both ends inclusive; yen are integers.
//   from, to                  created on these JST days
//   deadlineFrom, deadlineTo  payment deadline on these JST days
//   amountMin, amountMax      amount in yen
//   staff                     created by this user id
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const day = z.preprocess(blank, jstDaySchema.optional());
const yen = z.preprocess(blank, z.coerce.number("v.amountFilter.invalid").int("v.amountFilter.invalid").min(0, "v.amountFilter.invalid").max(100_000_000, "v.amountFilter.invalid").optional());

export const FILTER_PARAMS = ["from", "to", "deadlineFrom", "deadlineTo", "amountMin", "amountMax", "staff"] as const;

export const chargeFilterShape = {
  from: day,
  to: day,
  deadlineFrom: day,
  deadlineTo: day,
  amountMin: yen,
  amountMax: yen,
  staff: z.preprocess(blank, z.string().trim().max(64, "v.staff.invalid").regex(/^[A-Za-z0-9_-]+$/, "v.staff.invalid").optional()),
};

export type ChargeFilters = { [K in (typeof FILTER_PARAMS)[number]]?: K extends "amountMin" | "amountMax" ? number : string };

/** Refinements every schema built on chargeFilterShape applies: no range that ends before it starts. */
export function refineRanges(f: ChargeFilters, ctx: z.RefinementCtx): void {
  if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: "custom", path: ["to"], message: "v.dateRange.invalid" });
  if (f.deadlineFrom && f.deadlineTo && f.deadlineFrom > f.deadlineTo) ctx.addIssue({ code: "custom", path: ["deadlineTo"], message: "v.dateRange.invalid" });
  if (f.amountMin !== undefined && f.amountMax !== undefined && f.amountMin > f.amountMax) ctx.addIssue({ code: "custom", path: ["amountMax"], message: "v.amountRange.invalid" });
}

/** The filters as `AND …` SQL over "Charge" (Prisma.empty when none is set). */
export function chargeFilterSql(f: ChargeFilters | undefined): Prisma.Sql {
  if (!f) return Prisma.empty;
  const parts: Prisma.Sql[] = [];
  if (f.from) parts.push(Prisma.sql`AND "createdAt" >= ${jstDayStart(f.from)}::timestamptz`);
  if (f.to) parts.push(Prisma.sql`AND "createdAt" < ${jstDayEnd(f.to)}::timestamptz`);
  if (f.deadlineFrom) parts.push(Prisma.sql`AND "expiresAt" >= ${jstDayStart(f.deadlineFrom)}::timestamptz`);
  if (f.deadlineTo) parts.push(Prisma.sql`AND "expiresAt" < ${jstDayEnd(f.deadlineTo)}::timestamptz`);
  // One amount as an equality: the (amount, createdAt, id) index then gives the created order, no sort.
  if (f.amountMin !== undefined && f.amountMin === f.amountMax) parts.push(Prisma.sql`AND "amount" = ${f.amountMin}`);
  else {
    if (f.amountMin !== undefined) parts.push(Prisma.sql`AND "amount" >= ${f.amountMin}`);
    if (f.amountMax !== undefined) parts.push(Prisma.sql`AND "amount" <= ${f.amountMax}`);
  }
  if (f.staff) parts.push(Prisma.sql`AND "createdById" = ${f.staff}`);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

/** The filters present in a URL's query string, as the schema's raw input. */
export function filterParamsOf(sp: URLSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(FILTER_PARAMS.map((k) => [k, sp.get(k) ?? undefined]));
}
