import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/errors";
import { CHARGE_STATUSES } from "@/lib/charges/status";
import { chargeInclude, toChargeDto, type ChargeDto } from "@/lib/charges/dto";
import { normalizeSearch, phoneDigitsOf } from "@/lib/charges/search-text";
import { decodeDeadlineCursor, deadlinePageIds, encodeDeadlineCursor } from "@/lib/charges/list-by-deadline";

export const LIST_SORTS = ["created", "deadline"] as const;
export const STATUS_TABS = ["pending", "successful", "expired", "failed", "all"] as const;
export type StatusTab = (typeof STATUS_TABS)[number];

// Keyset cursor over (createdAt desc, id desc): stable under inserts, no OFFSET.
function encodeCursor(c: { createdAt: Date; id: string }): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const parts = Buffer.from(cursor, "base64url").toString().split("|");
  const [at, id] = parts;
  const createdAt = new Date(at ?? "");
  if (parts.length !== 2 || !id || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at) return null;
  return { createdAt, id };
}

// Query-string input (GET /api/charges and the list page): every field's message is a catalog key.
// `sort=created` (default) is newest first; `deadline` is soonest deadline first, none last. The
// cursor is decoded for the sort asked for, so one sort's cursor is refused by the other.
export const listChargesQuery = z
  .object({
    status: z.enum([...CHARGE_STATUSES, "all"], "v.status.invalid").default("all"),
    sort: z.enum(LIST_SORTS, "v.sort.invalid").default("created"),
    q: z.string().trim().max(100, "v.search.tooLong").optional(),
    limit: z.coerce.number("v.limit.invalid").int("v.limit.invalid").min(1, "v.limit.invalid").max(100, "v.limit.invalid").default(25),
    cursor: z.string().max(200, "v.cursor.invalid").optional(),
  })
  .transform(({ cursor, ...rest }, ctx) => {
    if (cursor === undefined) return { ...rest, created: undefined, deadline: undefined };
    const created = rest.sort === "created" ? decodeCursor(cursor) : null;
    const deadline = rest.sort === "deadline" ? decodeDeadlineCursor(cursor) : null;
    if (!created && !deadline) {
      ctx.addIssue({ code: "custom", path: ["cursor"], message: "v.cursor.invalid" });
      return z.NEVER;
    }
    return { ...rest, created: created ?? undefined, deadline: deadline ?? undefined };
  });

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

type ChargePage = { data: ChargeDto[]; nextCursor: string | null };

/** A page of charges, newest first or soonest deadline first. Any signed-in role may read; the caller checked the session. */
export async function listCharges(opts: { query: Record<string, unknown> }): Promise<ChargePage> {
  const query = parseInput(listChargesQuery, opts.query);
  if (query.sort === "deadline") return listByDeadline(query);
  const db = await getDb();
  const and: Prisma.ChargeWhereInput[] = [searchWhere(query.q)];
  if (query.status !== "all") and.push({ status: query.status });
  if (query.created) {
    const c = query.created;
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

async function listByDeadline(query: z.output<typeof listChargesQuery>): Promise<ChargePage> {
  const keys = await deadlinePageIds({ status: query.status === "all" ? null : query.status, q: query.q, cursor: query.deadline, take: query.limit + 1 });
  const page = keys.slice(0, query.limit);
  const db = await getDb();
  const rows = await db.charge.findMany({ where: { id: { in: page.map((k) => k.id) } }, include: chargeInclude });
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A row gone between the two reads (none are deleted today) is skipped, not an error.
  const data = page.flatMap((k) => {
    const row = byId.get(k.id);
    return row ? [toChargeDto(row)] : [];
  });
  const last = page.at(-1);
  return { data, nextCursor: keys.length > query.limit && last ? encodeDeadlineCursor(last) : null };
}

export async function countChargesByStatus(opts: { q?: string }): Promise<Record<StatusTab, number>> {
  const db = await getDb();
  const groups = await db.charge.groupBy({ by: ["status"], where: searchWhere(opts.q?.trim() || undefined), _count: { _all: true } });
  const counts: Record<StatusTab, number> = { pending: 0, successful: 0, expired: 0, failed: 0, all: 0 };
  for (const g of groups) {
    if (g.status in counts) counts[g.status as StatusTab] = g._count._all;
    counts.all += g._count._all;
  }
  return counts;
}
