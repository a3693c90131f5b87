import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { getOverview } from "@/lib/charges/get-overview";
import { withDeadlineSql } from "@/lib/charges/list-by-deadline";
import { keyTranslator } from "@/lib/i18n/translate-key";
import { makeUser, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";

// The expiring-soon queue's API (GET /api/charges?sort=deadline) over HTTP through the real route
// handler, and the overview's 24-hour count. The session is supplied as in api-validation.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

const ja = keyTranslator("ja");
type Row = { id: string; status: string; expiresAt: string | null };
type Page = { data: Row[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

let api: Awaited<ReturnType<typeof startApiServer>>;
let staff: TestUser;
const tag = `deadline${randomBytes(4).toString("hex")}`;
const HOUR = 3_600_000;
// Created out of order; two share a deadline (the id breaks the tie); one has none (a row from
// before deadlines were required): it must come last.
const hoursAhead = [50, 5, 300, 5, 26, 2000];
const made: { id: string; expiresAt: Date | null }[] = [];

beforeAll(async () => {
  api = await startApiServer([{ path: /^\/api\/charges$/, module: await import("@/app/api/charges/route") }]);
  staff = await makeUser("staff");
  signedIn.user = { id: staff.id, sv: 0, sid: staff.sid };
  const base = Date.now();
  for (const [i, h] of hoursAhead.entries()) {
    const expiresAt = new Date(base + h * HOUR);
    const { charge } = await createCharge({
      actor: staff,
      input: { amount: 1000 + i, customerName: "キゲン", customerEmail: `k${i}.${tag}@example.jp`, customerPhone: "0312345678", description: tag, expiresAt: expiresAt.toISOString() },
    });
    made.push({ id: charge.id, expiresAt: new Date(charge.expiresAt ?? "") });
  }
  const db = await getDb();
  const none = made[2];
  if (!none) throw new Error("no charge");
  await db.charge.update({ where: { id: none.id }, data: { expiresAt: null } });
  none.expiresAt = null;
});
afterAll(() => api.close());

const get = async (qs: string) => fetch(`${api.url}/api/charges?${qs}`);

async function allPages(qs: string, limit: number): Promise<{ rows: Row[]; pages: number }> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await get(`${qs}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    expect(page.data.length).toBeLessThanOrEqual(limit);
    rows.push(...page.data);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { rows, pages };
}

const key = (r: { expiresAt: string | Date | null; id: string }) => [r.expiresAt === null ? Infinity : new Date(r.expiresAt).getTime(), r.id] as const;
const inDeadlineOrder = (a: Row, b: Row) => {
  const [ta, ia] = key(a);
  const [tb, ib] = key(b);
  return ta !== tb ? ta - tb : ia < ib ? -1 : ia > ib ? 1 : 0;
};

describe("GET /api/charges?sort=deadline", () => {
  it("lists soonest deadline first, pages of 2 continuing without gaps or repeats, no deadline last", async () => {
    const { rows, pages } = await allPages(`status=pending&sort=deadline&q=${tag}`, 2);
    expect(pages).toBe(3);
    const want = [...made].sort((a, b) => inDeadlineOrder({ ...a, status: "", expiresAt: a.expiresAt?.toISOString() ?? null }, { ...b, status: "", expiresAt: b.expiresAt?.toISOString() ?? null }));
    expect(rows.map((r) => r.id)).toEqual(want.map((m) => m.id));
    expect(rows.at(-1)?.expiresAt).toBeNull();
  });

  it("keeps the whole pending set in order across pages, each charge once", async () => {
    const { rows } = await allPages("status=pending&sort=deadline", 2);
    expect(rows.every((r) => r.status === "pending")).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows).toEqual([...rows].sort(inDeadlineOrder));
    const db = await getDb();
    expect(rows.length).toBe(await db.charge.count({ where: { status: "pending" } }));
  });

  it("still lists newest first by default", async () => {
    const res = (await (await get(`q=${tag}&limit=100`)).json()) as Page;
    expect(res.data.map((r) => r.id)).toEqual([...made].reverse().map((m) => m.id));
  });

  it("answers an unknown sort with 422 and a field error", async () => {
    const res = await get("status=pending&sort=bogus");
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error).toEqual({ code: "unprocessable", message: ja("err.validation"), fields: { sort: [ja("v.sort.invalid")] } });
  });

  it("refuses a cursor from the other sort in either direction", async () => {
    const created = ((await (await get(`q=${tag}&limit=1`)).json()) as Page).nextCursor;
    const deadline = ((await (await get(`q=${tag}&sort=deadline&status=pending&limit=1`)).json()) as Page).nextCursor;
    expect(created).toBeTruthy();
    expect(deadline).toBeTruthy();
    for (const qs of [`sort=deadline&status=pending&cursor=${created}`, `cursor=${deadline}`, `sort=created&cursor=${deadline}`]) {
      const res = await get(qs);
      expect(res.status, qs).toBe(422);
      expect(((await res.json()) as ErrorBody).error.fields, qs).toEqual({ cursor: [ja("v.cursor.invalid")] });
    }
  });

  it("reads the deadline order from the (status, expiresAt, id) index, without a sort step", async () => {
    const db = await getDb();
    const after = made[1]?.expiresAt ?? new Date();
    const sql = withDeadlineSql({ status: "pending", cursor: { expiresAt: after, id: made[1]?.id ?? "" }, take: 26 });
    // A table this small is cheaper to scan (or to bitmap-scan and sort); with those off the
    // planner must show whether the index alone gives the order: an ordered index scan, no Sort.
    // EXPLAIN takes no bind parameters here, so the test's own (safe) values are written in as literals.
    const literal = (v: unknown) => (typeof v === "number" ? String(v) : `'${v instanceof Date ? v.toISOString() : String(v)}'`);
    const explained = `EXPLAIN ${sql.text.replace(/\$(\d+)/g, (_, n: string) => literal(sql.values[Number(n) - 1]))}`;
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(explained);
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain("Charge_status_expiresAt_id_idx");
    expect(text).not.toMatch(/\bSort\b/);
  });
});

describe("overview: expiring in the next 24 hours", () => {
  it("equals a direct count of pending charges with a deadline in [now, now + 24 h]", async () => {
    const now = new Date();
    const db = await getDb();
    const [direct] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Charge"
      WHERE "status" = 'pending' AND "expiresAt" >= ${now}::timestamptz AND "expiresAt" <= ${new Date(now.getTime() + 24 * HOUR)}::timestamptz`;
    const overview = await getOverview({ now });
    expect(overview.expiringSoon).toBe(Number(direct?.n));
    // Ours: the two due in 5 hours count; 26 hours and later do not.
    const ours = made.filter((m) => m.expiresAt && m.expiresAt.getTime() - now.getTime() <= 24 * HOUR).length;
    expect(ours).toBe(2);
    expect(overview.expiringSoon).toBeGreaterThanOrEqual(ours);
  });
});
