import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { expireCharge } from "@/lib/charges/expire-charge";
import { syncCharge } from "@/lib/charges/sync-charge";
import { bandsSql, dailySql, payTimeSql } from "@/lib/analytics/analytics-sql";
import { addDays } from "@/lib/analytics/range";
import type { Analytics, Outcomes } from "@/lib/analytics/get-analytics";
import { jstDateKey } from "@/lib/format";
import { keyTranslator } from "@/lib/i18n/translate-key";
import type { Prisma } from "@/lib/generated/prisma/client";
import { makeUser, sim, uniqueCustomer, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";

// The analytics tables (migration 20261202030000) are kept by triggers, so they must equal a
// fresh aggregate over "Charge" whatever wrote the rows; and every number GET /api/analytics
// answers must equal a direct query over "Charge" for the same range. The truth here is written
// without the migration's helper functions.
const simUrl = inject("simulatorUrl");
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

let api: Awaited<ReturnType<typeof startApiServer>>;
let admin: TestUser;
let staff: TestUser[];
beforeAll(async () => {
  api = await startApiServer([{ path: /^\/api\/analytics$/, module: await import("@/app/api/analytics/route") }]);
  admin = await makeUser("admin");
  staff = [admin, await makeUser("staff"), await makeUser("staff")];
});
afterAll(() => api.close());
const as = (u: TestUser) => (signedIn.user = { id: u.id, sv: 0, sid: u.sid });
const get = (query: string) => fetch(`${api.url}/api/analytics${query}`);

type Row = Record<string, string | number | null>;
type Q = { $queryRawUnsafe: <T>(sql: string) => Promise<T> };
const norm = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
const jst = (col: string) => `(("${col}" AT TIME ZONE 'UTC') + interval '9 hours')::date`;
const OUTCOME_DAY = `CASE WHEN "status" IN ('successful', 'reversed') THEN ${jst("paidAt")} WHEN "status" = 'expired' THEN ${jst("expiredAt")} WHEN "status" = 'failed' THEN ${jst("createdAt")} END`;
const DEADLINE = `CASE WHEN "expiresAt" IS NULL THEN 'none' WHEN ${jst("expiresAt")} - ${jst("createdAt")} < 4 THEN 'd1_3'
  WHEN ${jst("expiresAt")} - ${jst("createdAt")} BETWEEN 4 AND 7 THEN 'd4_7' WHEN ${jst("expiresAt")} - ${jst("createdAt")} BETWEEN 8 AND 14 THEN 'd8_14' ELSE 'd15' END`;
const AMOUNT = `CASE WHEN "amount" < 3000 THEN 'a0' WHEN "amount" BETWEEN 3000 AND 9999 THEN 'a3k' WHEN "amount" BETWEEN 10000 AND 19999 THEN 'a10k'
  WHEN "amount" BETWEEN 20000 AND 29999 THEN 'a20k' ELSE 'a30k' END`;
const HOURS = `CASE WHEN "paidAt" < "createdAt" THEN 0 ELSE floor(extract(epoch FROM ("paidAt" - "createdAt")) / 3600)::int END`;
const BAND = { all: "''", deadline: DEADLINE, amount: AMOUNT, staff: `"createdById"`, failure: `coalesce("failureCode", '')` } as const;

/** Both tables and the same figures by direct aggregate over "Charge", in one snapshot. */
async function tablesAndTruth(q: Q) {
  const rows = (sql: string) => q.$queryRawUnsafe<Row[]>(sql).then(norm);
  const tables = [
    await rows(`SELECT to_char("day", 'YYYY-MM-DD') AS "day", "dim", "band", "status", "count", "amount" FROM "ChargeAnalyticsDaily" WHERE "count" <> 0 OR "amount" <> 0 ORDER BY 1, 2, 3, 4`),
    await rows(`SELECT to_char("day", 'YYYY-MM-DD') AS "day", "hours", "count" FROM "ChargePaidLatency" WHERE "count" <> 0 ORDER BY 1, 2`),
  ];
  const parts = Object.entries(BAND).map(
    ([dim, band]) => `SELECT to_char(${OUTCOME_DAY}, 'YYYY-MM-DD') AS "day", '${dim}' AS "dim", ${band} AS "band", "status", count(*) AS "count", sum("amount") AS "amount"
      FROM "Charge" WHERE ${OUTCOME_DAY} IS NOT NULL ${dim === "failure" ? `AND "status" = 'failed'` : ""} GROUP BY 1, 2, 3, 4`,
  );
  const truth = [
    await rows(`SELECT * FROM (${parts.join(" UNION ALL ")}) x ORDER BY 1, 2, 3, 4`),
    await rows(`SELECT to_char(${jst("paidAt")}, 'YYYY-MM-DD') AS "day", ${HOURS} AS "hours", count(*) AS "count" FROM "Charge"
      WHERE "status" = 'successful' AND "paidAt" IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`),
  ];
  return { tables, truth };
}
const snapshot = async () => (await getDb()).$transaction((tx) => tablesAndTruth(tx), { isolationLevel: "RepeatableRead" });

/** Every number of one answer against direct queries over "Charge" for its range. */
async function expectApiEqualsDirect(a: Analytics) {
  const db = await getDb();
  const rows = (sql: string) => db.$queryRawUnsafe<Row[]>(sql).then(norm);
  const { from, to } = a.range;
  const inRange = (day: string) => `${day} BETWEEN '${from}'::date AND '${to}'::date`;
  const outcomes = async (band: string, extra = "") =>
    rows(`SELECT ${band} AS "band", "status", count(*) AS "count", sum("amount") AS "amount" FROM "Charge"
      WHERE ${OUTCOME_DAY} IS NOT NULL AND ${inRange(OUTCOME_DAY)} ${extra} GROUP BY 1, 2`);
  // Each rate as a float8 division in SQL: the same IEEE double the API computes.
  const rate = async (band: string, value: string) => {
    const share = (status: string) => `count(*) FILTER (WHERE "status" = '${status}')::float8 / nullif(count(*) FILTER (WHERE "status" IN ('successful', 'expired', 'failed')), 0)`;
    const [r] = await rows(`SELECT ${share("successful")} AS "paidRate", ${share("expired")} AS "expiredRate", ${share("failed")} AS "failedRate"
      FROM "Charge" WHERE ${OUTCOME_DAY} IS NOT NULL AND ${inRange(OUTCOME_DAY)} AND ${band} = ${value}`);
    return r!;
  };
  const rates = (o: Outcomes) => ({ paidRate: o.paidRate, expiredRate: o.expiredRate, failedRate: o.failedRate });
  const expectOutcomes = (o: Outcomes, direct: Row[], label: string) => {
    const fig = (status: string) => {
      const r = direct.find((d) => d.status === status);
      return { count: Number(r?.count ?? 0), amount: Number(r?.amount ?? 0) };
    };
    expect({ paid: o.paid, expired: o.expired, failed: o.failed, reversed: o.reversed }, label).toEqual({ paid: fig("successful"), expired: fig("expired"), failed: fig("failed"), reversed: fig("reversed") });
  };

  const daily = await outcomes(`to_char(${OUTCOME_DAY}, 'YYYY-MM-DD')`);
  expect(a.daily.map((d) => d.day)).toEqual(Array.from({ length: a.range.days }, (_, i) => addDays(from, i)));
  for (const d of a.daily) {
    expectOutcomes(d, daily.filter((r) => r.band === d.day), d.day);
    expect(rates(d), d.day).toEqual(await rate(`to_char(${OUTCOME_DAY}, 'YYYY-MM-DD')`, `'${d.day}'`));
  }
  expectOutcomes(a.totals, await outcomes(`''`), "totals");
  expect(rates(a.totals)).toEqual(await rate("''", "''"));

  const deadline = await outcomes(DEADLINE);
  for (const b of a.byDeadline) {
    expectOutcomes(b, deadline.filter((r) => r.band === b.band), b.band);
    expect(rates(b), b.band).toEqual(await rate(DEADLINE, `'${b.band}'`));
  }
  const amount = await outcomes(AMOUNT);
  for (const b of a.byAmount) {
    expectOutcomes(b, amount.filter((r) => r.band === b.band), b.band);
    expect(rates(b), b.band).toEqual(await rate(AMOUNT, `'${b.band}'`));
  }
  const byStaff = await outcomes(`"createdById"`);
  expect(a.byStaff.map((s) => s.staffId).toSorted()).toEqual([...new Set(byStaff.map((r) => r.band))].toSorted());
  for (const s of a.byStaff) {
    expectOutcomes(s, byStaff.filter((r) => r.band === s.staffId), s.staffId);
    expect(rates(s)).toEqual(await rate(`"createdById"`, `'${s.staffId}'`));
  }
  const failures = await rows(`SELECT coalesce("failureCode", '') AS "code", count(*) AS "count", sum("amount") AS "amount" FROM "Charge"
    WHERE "status" = 'failed' AND ${inRange(jst("createdAt"))} GROUP BY 1 ORDER BY 2 DESC, 1`);
  expect(a.failureReasons.toSorted((x, y) => x.code.localeCompare(y.code))).toEqual(failures.toSorted((x, y) => String(x.code).localeCompare(String(y.code))));

  const paidWhere = `"status" = 'successful' AND "paidAt" IS NOT NULL AND ${inRange(jst("paidAt"))}`;
  const [pct] = await rows(`SELECT count(*) AS "count", percentile_disc(0.5) WITHIN GROUP (ORDER BY ${HOURS}) AS "median",
    percentile_disc(0.9) WITHIN GROUP (ORDER BY ${HOURS}) AS "p90" FROM "Charge" WHERE ${paidWhere}`);
  expect({ count: a.payTime.count, median: a.payTime.median, p90: a.payTime.p90 }).toEqual({ count: pct!.count, median: pct!.median, p90: pct!.p90 });
  const histogram = await rows(`SELECT ${HOURS} AS "hours", count(*) AS "count" FROM "Charge" WHERE ${paidWhere} GROUP BY 1 ORDER BY 1`);
  expect(a.payTime.histogram).toEqual(histogram);
  const [dist] = await rows(`SELECT count(*) FILTER (WHERE ${HOURS} < 1) AS "h0", count(*) FILTER (WHERE ${HOURS} BETWEEN 1 AND 5) AS "h1_6",
    count(*) FILTER (WHERE ${HOURS} BETWEEN 6 AND 23) AS "h6_24", count(*) FILTER (WHERE ${HOURS} BETWEEN 24 AND 71) AS "d1_3",
    count(*) FILTER (WHERE ${HOURS} BETWEEN 72 AND 167) AS "d3_7", count(*) FILTER (WHERE ${HOURS} >= 168) AS "d7" FROM "Charge" WHERE ${paidWhere}`);
  expect(Object.fromEntries(a.payTime.distribution.map((d) => [d.band, d.count]))).toEqual(dist);
}

async function analytics(query: string): Promise<Analytics> {
  as(admin);
  const res = await get(query);
  expect(res.status).toBe(200);
  return (await res.json()) as Analytics;
}

describe("kept-current analytics", () => {
  const tag = `an${Date.now()}`;

  it("equal a fresh aggregate, and the API equals direct queries, after a randomized run through the app and plain SQL", async () => {
    const db = await getDb();
    let seed = 20261202;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);

    // Through the app: created at the simulator, then paid, expired or failed (with a code).
    const appIds: string[] = [];
    for (let i = 0; i < 9; i++) {
      const made = await createCharge({ actor: staff[rnd(3)]!, input: { amount: [800, 4500, 12000, 25000, 45000][i % 5]!, customerName: `ブンセキ${i}`, ...uniqueCustomer() } });
      appIds.push(made.charge.id);
    }
    for (const [i, id] of appIds.entries()) {
      if (i % 3 === 0) await sim(simUrl, `/charges/${id}/mark_as_paid`, {}, "skey_test_konbinidesk");
      if (i % 3 === 2) await sim(simUrl, `/charges/${id}/mark_as_failed`, i === 2 ? {} : { failure_code: "payment_cancelled" }, "skey_test_konbinidesk");
      if (i % 3 === 1) await expireCharge({ actor: admin, id });
      else await syncCharge({ actor: admin, id });
    }

    // By plain SQL: a bulk insert over 40 days, staff, deadlines (some none) and amounts, then
    // transitions in several statements, edits of createdAt / expiresAt / amount / createdById, deletes.
    const ids = staff.map((s) => `'${s.id}'`).join(", ");
    await db.$executeRawUnsafe(`
      INSERT INTO "Charge" ("id", "reference", "status", "amount", "currency", "customerName", "customerEmail", "customerPhone", "createdById", "createdAt", "expiresAt", "updatedAt")
      SELECT 'chrg_${tag}_' || g, '${tag}-' || g, 'pending', 100 + (g * 7919) % 60000, 'jpy', 'バルク' || g, 'b' || g || '@example.jp', '0900000' || lpad(g::text, 4, '0'),
             (ARRAY[${ids}])[1 + g % 3], now() - (g * 2 || ' hours')::interval,
             CASE WHEN g % 11 = 0 THEN NULL ELSE now() - (g * 2 || ' hours')::interval + ((g % 20) || ' days')::interval + ((g % 24) || ' hours')::interval END, now()
      FROM generate_series(1, 480) g`);
    for (let round = 0; round < 14; round++) {
      const to = ["successful", "expired", "failed", "successful"][round % 4]!;
      const set =
        to === "successful" ? `"paidAt" = "createdAt" + (${rnd(200)} || ' hours')::interval + (${rnd(60)} || ' minutes')::interval`
        : to === "expired" ? `"expiredAt" = coalesce("expiresAt", now())`
        : `"failureCode" = (ARRAY['timeout', 'payment_cancelled', NULL, 'odd_code'])[1 + abs(hashtext("reference") % 4)]`;
      await db.$executeRawUnsafe(`UPDATE "Charge" SET "status" = '${to}', ${set} WHERE "reference" LIKE '${tag}-%' AND "status" = 'pending' AND right("reference", 1) = '${rnd(10)}'`);
    }
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "status" = 'reversed' WHERE "reference" LIKE '${tag}-%7' AND "status" = 'successful'`);
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "amount" = "amount" + 2900 WHERE "reference" LIKE '${tag}-1%'`);
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "createdAt" = "createdAt" - interval '3 days 5 hours' WHERE "reference" LIKE '${tag}-2%'`);
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "expiresAt" = "expiresAt" + interval '6 days' WHERE "reference" LIKE '${tag}-3%'`);
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "createdById" = '${staff[2]!.id}' WHERE "reference" LIKE '${tag}-5%'`);
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "paidAt" = "createdAt" - interval '2 hours' WHERE "reference" LIKE '${tag}-6%' AND "status" = 'successful'`);
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "status" = 'expired', "expiredAt" = NULL WHERE "reference" LIKE '${tag}-8%' AND "status" = 'pending'`);
    await db.$executeRawUnsafe(`DELETE FROM "Charge" WHERE "reference" LIKE '${tag}-4%'`);

    const { tables, truth } = await snapshot();
    expect(tables[0]!.length).toBeGreaterThan(100);
    expect(tables[0]).toEqual(truth[0]);
    expect(tables[1]).toEqual(truth[1]);

    // The API over HTTP, for the whole spread, a part of it, and the default (last 30 days).
    const today = jstDateKey(new Date());
    const wide = await analytics(`?from=${addDays(today, -60)}&to=${addDays(today, 30)}`);
    expect(wide.totals.paid.count + wide.totals.expired.count + wide.totals.failed.count).toBeGreaterThan(200);
    expect(wide.byStaff.length).toBeGreaterThanOrEqual(3);
    expect(wide.failureReasons.map((f) => f.code)).toEqual(expect.arrayContaining(["timeout", "payment_cancelled", "odd_code", ""]));
    // Other test files may have left refunds in the shared database (the file order varies): what
    // this test adds is compared with what the range held before it.
    const before = wide.refunded;
    const sumOf = (daily: { amount: number }[]) => daily.reduce((n, d) => n + d.amount, 0);
    const dayOf = (daily: { day: string; amount: number }[], day: string) => daily.find((x) => x.day === day)?.amount ?? 0;

    // Refunds by bank transfer: transferred ones count on the JST day of the transfer, requested
    // ones still waiting on the day of the request, cancelled ones nowhere.
    const paid = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "Charge" WHERE "reference" LIKE '${tag}-%' AND "status" = 'successful' LIMIT 6`);
    expect(paid.length).toBe(6);
    for (const [i, c] of paid.entries()) {
      const state = ["transferred", "transferred", "requested", "cancelled", "transferred", "requested"][i]!;
      await db.$executeRawUnsafe(
        `INSERT INTO "Refund" ("id", "chargeId", "amount", "state", "sealedBank", "bankCode", "branchCode", "accountType", "accountLast3", "holderMasked", "requestedById", "requestedAt", "transferredById", "transferredAt", "cancelledById", "cancelledAt")
         VALUES ($1, $2, $3, $4, 'sealed', '0001', '123', 'ordinary', '567', 'ヤ＊＊', $5, now() - ($6 || ' days')::interval, $7, $8, $9, $10)`,
        `rf_${tag}_${i}`, c.id, 100 * (i + 1), state, admin.id, String(2 * i),
        state === "transferred" ? admin.id : null, state === "transferred" ? new Date(Date.now() - i * 86_400_000) : null,
        state === "cancelled" ? admin.id : null, state === "cancelled" ? new Date() : null,
      );
    }
    const withRefunds = await analytics(`?from=${addDays(today, -60)}&to=${addDays(today, 30)}`);
    const [direct] = await db.$queryRawUnsafe<{ count: number; amount: number; awaitingCount: number; awaitingAmount: number }[]>(
      `SELECT count(*) FILTER (WHERE "state" = 'transferred')::int AS "count", coalesce(sum("amount") FILTER (WHERE "state" = 'transferred'), 0)::int AS "amount",
              count(*) FILTER (WHERE "state" = 'requested')::int AS "awaitingCount", coalesce(sum("amount") FILTER (WHERE "state" = 'requested'), 0)::int AS "awaitingAmount"
       FROM "Refund" WHERE "id" LIKE 'rf_${tag}_%'`,
    );
    const r = withRefunds.refunded;
    expect({ count: r.count - before.count, amount: r.amount - before.amount, awaiting: { count: r.awaiting.count - before.awaiting.count, amount: r.awaiting.amount - before.awaiting.amount } }).toEqual({
      count: direct!.count, amount: direct!.amount, awaiting: { count: direct!.awaitingCount, amount: direct!.awaitingAmount },
    });
    expect(direct).toEqual({ count: 3, amount: 100 + 200 + 500, awaitingCount: 2, awaitingAmount: 300 + 600 });
    const perDay = await db.$queryRawUnsafe<{ day: string; amount: number }[]>(
      `SELECT to_char(("transferredAt" AT TIME ZONE 'Asia/Tokyo')::date, 'YYYY-MM-DD') AS "day", sum("amount")::int AS "amount" FROM "Refund" WHERE "id" LIKE 'rf_${tag}_%' AND "state" = 'transferred' GROUP BY 1`,
    );
    for (const d of perDay) expect(dayOf(r.daily, d.day) - dayOf(before.daily, d.day), d.day).toBe(d.amount);
    expect(sumOf(r.daily) - sumOf(before.daily)).toBe(direct!.amount);
    await db.$executeRawUnsafe(`DELETE FROM "Refund" WHERE "id" LIKE 'rf_${tag}_%'`);
    await expectApiEqualsDirect(wide);
    await expectApiEqualsDirect(await analytics(`?from=${addDays(today, -20)}&to=${addDays(today, -6)}`));
    const fallback = await analytics("");
    expect(fallback.range).toEqual({ from: addDays(today, -29), to: today, days: 30 });
    await expectApiEqualsDirect(fallback);

    await db.$executeRawUnsafe(`DELETE FROM "Charge" WHERE "reference" LIKE '${tag}-%'`);
    const after = await snapshot();
    expect(after.tables).toEqual(after.truth);
  });

  it("would be caught: with a trigger dropped the tables no longer equal the aggregate", async () => {
    const db = await getDb();
    const user = staff[1]!;
    const row = (id: string) => `INSERT INTO "Charge" ("id", "reference", "status", "amount", "currency", "customerName", "customerEmail", "customerPhone", "createdById", "paidAt", "updatedAt")
      VALUES ('chrg_${tag}_${id}', '${tag}-${id}', 'successful', 5000, 'jpy', 'ドロップ', 'd@example.jp', '09000000000', '${user.id}', now(), now())`;
    await db.$executeRawUnsafe(row("kept"));
    for (const [trigger, write] of [
      ["Charge_analytics_insert", row("dropped")],
      ["Charge_analytics_update", `UPDATE "Charge" SET "amount" = "amount" + 1 WHERE "id" = 'chrg_${tag}_kept'`],
      ["Charge_analytics_delete", `DELETE FROM "Charge" WHERE "id" = 'chrg_${tag}_kept'`],
    ] as const) {
      const seen = await db
        .$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`DROP TRIGGER "${trigger}" ON "Charge"`);
          expect(await tx.$executeRawUnsafe(write), trigger).toBe(1);
          const r = await tablesAndTruth(tx);
          throw Object.assign(new Error("rollback"), { r });
        })
        .catch((e: { r?: Awaited<ReturnType<typeof tablesAndTruth>> }) => e.r);
      expect(seen, trigger).toBeDefined();
      expect(seen!.tables, trigger).not.toEqual(seen!.truth);
    }
    // Rolled back: the triggers are there again and the tables still agree.
    const [{ n }] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pg_trigger WHERE tgname LIKE 'Charge_analytics_%'`) as [{ n: bigint }];
    expect(Number(n)).toBe(4);
    await db.$executeRawUnsafe(`DELETE FROM "Charge" WHERE "id" = 'chrg_${tag}_kept'`);
    const now = await snapshot();
    expect(now.tables).toEqual(now.truth);
  });
});

describe("GET /api/analytics", () => {
  const ja = keyTranslator("ja");
  it("refuses a bad range with 422 and a message, and anyone but an admin with 403", async () => {
    as(admin);
    for (const [query, field, key] of [
      ["?from=2026-12-10&to=2026-12-01", "from", "analytics.v.order"],
      ["?from=2025-01-01&to=2026-01-02", "from", "analytics.v.tooLong"],
      ["?from=2026-02-30", "from", "v.date.invalid"],
      ["?to=yesterday", "to", "v.date.invalid"],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(422);
      const body = (await res.json()) as { error: { code: string; fields: Record<string, string[]> } };
      expect(body.error.code).toBe("unprocessable");
      expect(body.error.fields[field], query).toEqual([ja(key)]);
    }
    // 366 days is the most.
    expect((await get("?from=2025-01-01&to=2026-01-01")).status).toBe(200);
    as(staff[1]!);
    expect((await get("")).status).toBe(403);
  });
});

describe("analytics query plans", () => {
  it("reads only the kept-current tables, by their day-first primary keys: no \"Charge\" scan", async () => {
    const db = await getDb();
    const range = { from: "2026-11-01", to: "2026-11-30" };
    for (const sql of [dailySql(range), bandsSql(range), payTimeSql(range)] as Prisma.Sql[]) {
      const explained = `EXPLAIN ${sql.text.replace(/\$(\d+)/g, (_, n: string) => `'${String(sql.values[Number(n) - 1])}'`)}`;
      for (const seqscan of ["on", "off"]) {
        const plan = await db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = ${seqscan}`);
          return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(explained);
        });
        const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
        expect(text).not.toMatch(/ on "?Charge"?(\s|$)/m);
        expect(text).toMatch(/"(ChargeAnalyticsDaily|ChargePaidLatency)"/);
        if (seqscan === "off") expect(text).toMatch(/(ChargeAnalyticsDaily|ChargePaidLatency)_pkey/);
      }
    }
  });
});
