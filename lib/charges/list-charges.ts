import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/types";
import { CHARGE_STATUSES } from "@/lib/charges/status";
import { chargeInclude, toChargeDto, type ChargeDto } from "@/lib/charges/dto";
import { normalizeSearch, phoneDigitsOf } from "@/lib/charges/search-text";

export const STATUS_TABS = ["pending", "successful", "expired", "failed", "all"] as const;
export type StatusTab = (typeof STATUS_TABS)[number];

export const listChargesQuery = z.object({
  status: z.enum([...CHARGE_STATUSES, "all"]).default("all"),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export type ListChargesQuery = z.input<typeof listChargesQuery>;

// Keyset cursor over (createdAt desc, id desc): stable under inserts, no OFFSET.
function encodeCursor(c: { createdAt: Date; id: string }): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw new AppError("unprocessable", "err.validation", { fields: { cursor: ["v.required"] } });
  return { createdAt, id };
}

// One stored normalised column (see search-text.ts): ﾀﾅｶ and たなか find タナカ, and a phone
// number is found with or without hyphens. Plain LIKE on it, ready for a pg_trgm index.
function searchWhere(q: string | undefined): Prisma.ChargeWhereInput {
  const text = q ? normalizeSearch(q) : "";
  if (!text) return {};
  const digits = phoneDigitsOf(text);
  const or: Prisma.ChargeWhereInput[] = [{ searchText: { contains: text } }];
  if (digits && digits !== text) or.push({ searchText: { contains: digits } });
  return { OR: or };
}

export async function listCharges(opts: { actor: Actor; query: Record<string, unknown> }): Promise<{ data: ChargeDto[]; nextCursor: string | null }> {
  const query = listChargesQuery.parse(opts.query);
  const db = await getDb();
  const and: Prisma.ChargeWhereInput[] = [searchWhere(query.q)];
  if (query.status !== "all") and.push({ status: query.status });
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    and.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  const rows = await db.charge.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: chargeInclude,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { data: page.map(toChargeDto), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

export async function countChargesByStatus(opts: { actor: Actor; q?: string }): Promise<Record<StatusTab, number>> {
  const db = await getDb();
  const groups = await db.charge.groupBy({ by: ["status"], where: searchWhere(opts.q?.trim() || undefined), _count: { _all: true } });
  const counts: Record<StatusTab, number> = { pending: 0, successful: 0, expired: 0, failed: 0, all: 0 };
  for (const g of groups) {
    if (g.status in counts) counts[g.status as StatusTab] = g._count._all;
    counts.all += g._count._all;
  }
  return counts;
}
