import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createdPageSql } from "@/lib/charges/list-charges";
import { withDeadlineSql } from "@/lib/charges/list-by-deadline";
import { keptCountSql } from "@/lib/charges/counts";
import type { ChargeFilters } from "@/lib/charges/filters";
import { makeUser, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";
import { planOf as planOfWith } from "./plan";

// The list's filters over HTTP through the real route handlers, each and combined, in both
// orders and across cursor pages, against a direct SQL query on the same rows; the tab counts
// against count(*); the 422s; and the plans that keep them off a full scan at 1M charges.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

let api: Awaited<ReturnType<typeof startApiServer>>;
let a: TestUser;
let b: TestUser;
const tag = `flt${randomBytes(3).toString("hex")}`;
const DAY = 86_400_000;
// A JST calendar day, `n` days from today's.
const jstDay = (n: number) => new Date(Date.now() + 9 * 3_600_000 + n * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  api = await startApiServer([
    { path: /^\/api\/charges$/, module: await import("@/app/api/charges/route") },
    { path: /^\/api\/charges\/counts$/, module: await import("@/app/api/charges/counts/route") },
  ]);
  a = await makeUser("staff");
  b = await makeUser("staff");
  signedIn.user = { id: a.id, sv: 0, sid: a.sid };
  // 180 charges over 30 days, two staff members, amounts 300–9,250, deadlines 0–14 days after
  // creation or none, every status. Created at whole hours, so some fall either side of a JST midnight.
  const db = await getDb();
  await db.$executeRawUnsafe(`
    INSERT INTO "Charge" ("id", "reference", "status", "amount", "currency", "customerName", "customerEmail", "customerPhone", "description", "createdById", "createdAt", "expiresAt", "updatedAt")
    SELECT 'chrg_${tag}_' || lpad(g::text, 3, '0'), '${tag}-' || g,
           (ARRAY['pending','successful','expired','failed','pending','reversed'])[1 + g % 6],
           300 + (g * 37) % 8951, 'jpy', 'フィルタ' || g, '${tag}' || g || '@example.jp', '0800000' || lpad(g::text, 4, '0'), '${tag}',
           CASE WHEN g % 3 = 0 THEN '${b.id}' ELSE '${a.id}' END,
           now() - (g * 4 || ' hours')::interval,
           CASE WHEN g % 7 = 0 THEN NULL ELSE now() - (g * 4 || ' hours')::interval + ((g % 15) || ' days')::interval END, now()
    FROM generate_series(1, 180) g`);
});

afterAll(async () => {
  const db = await getDb();
  await db.$executeRawUnsafe(`DELETE FROM "Charge" WHERE "reference" LIKE '${tag}-%'`);
  await api.close();
});

type Case = ChargeFilters & { q?: string };
const jstOf = (col: string) => `to_char(("${col}" AT TIME ZONE 'UTC') + interval '9 hours', 'YYYY-MM-DD')`;

/** The same filters written out directly (not through chargeFilterSql), for the truth. */
function whereOf(c: Case, status?: string): string {
  const w = ["TRUE"];
  if (status) w.push(`"status" = '${status}'`);
  if (c.q) w.push(`"description" = '${c.q}'`);
  if (c.from) w.push(`${jstOf("createdAt")} >= '${c.from}'`);
  if (c.to) w.push(`${jstOf("createdAt")} <= '${c.to}'`);
  if (c.deadlineFrom) w.push(`"expiresAt" IS NOT NULL AND ${jstOf("expiresAt")} >= '${c.deadlineFrom}'`);
  if (c.deadlineTo) w.push(`"expiresAt" IS NOT NULL AND ${jstOf("expiresAt")} <= '${c.deadlineTo}'`);
  if (c.amountMin !== undefined) w.push(`"amount" >= ${c.amountMin}`);
  if (c.amountMax !== undefined) w.push(`"amount" <= ${c.amountMax}`);
  if (c.staff) w.push(`"createdById" = '${c.staff}'`);
  return w.join(" AND ");
}

const qs = (c: Case, extra: Record<string, string> = {}) =>
  new URLSearchParams({ ...Object.fromEntries(Object.entries(c).map(([k, v]) => [k, String(v)])), ...extra }).toString();

async function listAll(c: Case, status: string, sort: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await fetch(`${api.url}/api/charges?${qs(c, { status, sort, limit: String(limit), ...(cursor ? { cursor } : {}) })}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const page = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
    ids.push(...page.data.map((r) => r.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 2000); // a safety stop only: the whole-table case pages through every charge earlier tests left
  return { ids, pages };
}

async function direct(c: Case, status: string, sort: string): Promise<string[]> {
  const db = await getDb();
  const order = sort === "created" ? `"createdAt" DESC, "id" DESC` : `"expiresAt" ASC NULLS LAST, "id" ASC`;
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "Charge" WHERE ${whereOf(c, status === "all" ? undefined : status)} ORDER BY ${order}`);
  return rows.map((r) => r.id);
}

// Scoped by staff or by the tag's description (the search) where a filter alone would also
// match other tests' charges; those cases still compare the whole table.
const CASES: [string, () => Case][] = [
  ["staff", () => ({ staff: b.id })],
  ["created days", () => ({ q: tag, from: jstDay(-12), to: jstDay(-3) })],
  ["created from only (whole table)", () => ({ from: jstDay(-1) })],
  ["deadline days", () => ({ q: tag, deadlineFrom: jstDay(-5), deadlineTo: jstDay(4) })],
  ["deadline to only", () => ({ staff: a.id, deadlineTo: jstDay(-10) })],
  ["amount range", () => ({ q: tag, amountMin: 2000, amountMax: 6000 })],
  ["exact amount", () => ({ staff: a.id, amountMin: 337, amountMax: 337 })],
  ["everything at once", () => ({ q: tag, staff: a.id, from: jstDay(-25), to: jstDay(-2), deadlineFrom: jstDay(-20), amountMin: 1000, amountMax: 8000 })],
];

describe("list filters over HTTP", () => {
  for (const [name, make] of CASES) {
    it(`${name}: both orders, all and pending, page by page, equal a direct query`, async () => {
      const c = make();
      for (const sort of ["created", "deadline"]) {
        for (const status of ["all", "pending"]) {
          const want = await direct(c, status, sort);
          const got = await listAll(c, status, sort, 7);
          expect(got.ids, `${sort} ${status}`).toEqual(want);
          // Each page reads one row more than it shows, so a full last page already says there is no next one.
          expect(got.pages, `${sort} ${status}`).toBe(Math.max(1, Math.ceil(want.length / 7)));
        }
      }
      // Something to compare: a case that matched nothing would prove little.
      expect((await direct(c, "all", "created")).length, name).toBeGreaterThan(0);
    });
  }

  it("counts: exact for created days and staff, through the index for amount and deadline, equal to count(*)", async () => {
    const db = await getDb();
    for (const [name, make] of [...CASES, ["days and staff", () => ({ staff: a.id, from: jstDay(-8), to: jstDay(-1) })] as [string, () => Case]]) {
      const c = make();
      const res = await fetch(`${api.url}/api/charges/counts?${qs(c)}`);
      expect(res.status).toBe(200);
      const counts = (await res.json()) as Record<string, number | boolean>;
      const rows = await db.$queryRawUnsafe<{ status: string; n: bigint }[]>(`SELECT "status", count(*) AS n FROM "Charge" WHERE ${whereOf(c)} GROUP BY 1`);
      const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
      expect(counts, name).toEqual({ pending: n("pending"), successful: n("successful"), expired: n("expired"), failed: n("failed"), all: rows.reduce((t, r) => t + Number(r.n), 0) });
      // The list's poll asks for the same counts with its first page.
      const polled = (await (await fetch(`${api.url}/api/charges?${qs(c, { counts: "1", limit: "1" })}`)).json()) as { counts: unknown };
      expect(polled.counts, name).toEqual(counts);
    }
  });

  it("counts under created days and staff follow a write at once, from the kept-current tables", async () => {
    const db = await getDb();
    const c: Case = { staff: b.id, from: jstDay(-3), to: jstDay(0) };
    const before = (await (await fetch(`${api.url}/api/charges/counts?${qs(c)}`)).json()) as Record<string, number>;
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "status" = 'failed' WHERE "reference" LIKE '${tag}-%' AND "createdById" = '${b.id}' AND "status" = 'pending' AND ${jstOf("createdAt")} >= '${jstDay(-3)}'`);
    const after = (await (await fetch(`${api.url}/api/charges/counts?${qs(c)}`)).json()) as Record<string, number>;
    const [truth] = await db.$queryRawUnsafe<{ failed: bigint; pending: bigint }[]>(`SELECT count(*) FILTER (WHERE "status" = 'failed') AS failed, count(*) FILTER (WHERE "status" = 'pending') AS pending FROM "Charge" WHERE ${whereOf(c)}`);
    expect(after.failed).toBe(Number(truth!.failed));
    expect(after.pending).toBe(Number(truth!.pending));
    expect(after.failed).toBeGreaterThan(before.failed ?? 0);
    expect(after.all).toBe(before.all);
  });

  it("answers 422 naming the field for a bad filter, on the list and the counts", async () => {
    const bad: [Record<string, string>, string][] = [
      [{ amountMin: "-1" }, "amountMin"],
      [{ amountMax: "12.5" }, "amountMax"],
      [{ amountMin: "abc" }, "amountMin"],
      [{ from: "2026-02-30" }, "from"],
      [{ to: "yesterday" }, "to"],
      [{ from: "2026-12-02", to: "2026-12-01" }, "to"],
      [{ deadlineFrom: "2026-12-02", deadlineTo: "2026-12-01" }, "deadlineTo"],
      [{ amountMin: "500", amountMax: "400" }, "amountMax"],
      [{ staff: "no such; id" }, "staff"],
    ];
    for (const [params, field] of bad) {
      for (const path of ["/api/charges", "/api/charges/counts"]) {
        const res = await fetch(`${api.url}${path}?${new URLSearchParams(params)}`, { headers: { Cookie: "kd_locale=en" } });
        expect(res.status, `${path} ${JSON.stringify(params)}`).toBe(422);
        const body = (await res.json()) as { error: { fields: Record<string, string[]> } };
        expect(Object.keys(body.error.fields), `${path} ${JSON.stringify(params)}`).toEqual([field]);
        expect(body.error.fields[field]?.[0], "translated, not a key").not.toMatch(/^v\./);
      }
    }
  });
});

// At this table size the planner would rather scan; with scans priced out the plans show what
// the indexes CAN serve: an ordered index scan that needs no sort (as in tests/counts.integration.test.ts).
// ANALYZE "Charge" (with this file's rows) in the plan's own transaction, rolled back after it.
const planOf = (sql: Prisma.Sql, off: string[] = ["enable_seqscan", "enable_bitmapscan"]) => planOfWith(sql, off, ["Charge"]);

describe("filter plans", () => {
  const cursor = { createdAt: new Date(), id: "chrg_x" };
  it("created order: staff, staff with a tab, and created days each range-scan an index in order, no sort", async () => {
    const staff = await planOf(createdPageSql({ status: null, filters: { staff: "u1" }, cursor, take: 26 }));
    expect(staff).toContain("Charge_createdById_createdAt_id_idx");
    const tab = await planOf(createdPageSql({ status: "pending", filters: { staff: "u1" }, cursor, take: 26 }));
    expect(tab).toContain("Charge_createdById_status_createdAt_id_idx");
    const days = await planOf(createdPageSql({ status: null, filters: { from: jstDay(-3), to: jstDay(0) }, take: 26 }));
    expect(days).toMatch(/Index Cond: .*"createdAt" >=/);
    for (const text of [staff, tab, days]) {
      expect(text).toMatch(/Index Cond: .*ROW\("createdAt", id\) < ROW\(|"createdAt" >=/);
      expect(text).not.toMatch(/\bSort\b/);
    }
  });

  it("created order: one amount is an index range in order; an amount or deadline range walks the created order and filters, no sort", async () => {
    const exact = await planOf(createdPageSql({ status: null, filters: { amountMin: 500, amountMax: 500 }, take: 26 }));
    expect(exact).toContain("Charge_amount_createdAt_id_idx");
    expect(exact).not.toMatch(/\bSort\b/);
    for (const filters of [{ amountMin: 1000, amountMax: 5000 }, { deadlineFrom: jstDay(0), deadlineTo: jstDay(7) }]) {
      const text = await planOf(createdPageSql({ status: null, filters, cursor, take: 26 }), ["enable_seqscan", "enable_bitmapscan", "enable_sort"]);
      expect(text, JSON.stringify(filters)).toContain("Charge_createdAt_id_idx");
      expect(text).not.toMatch(/\bSort\b/);
    }
  });

  it("deadline order: every tab, a staff member and a deadline range range-scan an index in deadline order, no sort", async () => {
    const all = await planOf(withDeadlineSql({ status: null, take: 26 }));
    expect(all).toContain("Charge_expiresAt_id_idx");
    const staff = await planOf(withDeadlineSql({ status: null, filters: { staff: "u1" }, take: 26 }));
    expect(staff).toContain("Charge_createdById_expiresAt_id_idx");
    const range = await planOf(withDeadlineSql({ status: "pending", filters: { deadlineFrom: jstDay(0), deadlineTo: jstDay(3) }, take: 26 }));
    expect(range).toMatch(/Index Cond: .*"expiresAt" >=/);
    for (const text of [all, staff, range]) expect(text).not.toMatch(/\bSort\b/);
  });

  it("exact counts read the kept-current tables, never \"Charge\"", async () => {
    for (const f of [{}, { staff: "u1" }, { from: jstDay(-7), to: jstDay(0) }, { from: jstDay(-7), staff: "u1" }]) {
      const text = await planOf(keptCountSql(f), []);
      expect(text, JSON.stringify(f)).not.toMatch(/on "Charge"(\s|$)/m);
      expect(text).toMatch(/ChargeCount(Total|Daily)/);
    }
  });
});
