import { describe, expect, inject, it } from "vitest";
import fc from "fast-check";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { expireCharge } from "@/lib/charges/expire-charge";
import { syncCharge } from "@/lib/charges/sync-charge";
import { getChangeVersion, getChargeCounts } from "@/lib/charges/counts";
import { getOverview } from "@/lib/charges/get-overview";
import { normalizeSearch } from "@/lib/charges/search-text";
import { createdPageSql } from "@/lib/charges/list-charges";
import { searchSql } from "@/lib/charges/search-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/types";
import { makeUser, sim, uniqueCustomer } from "./helpers";
import { planOf } from "./plan";

// The counts tables (migration 20261201160000) are kept by triggers, so they must equal a fresh
// count(*) whatever wrote the rows: the app, or plain SQL as an operator or a bulk load would.
const simUrl = inject("simulatorUrl");

type Row = Record<string, string | number>;

/** The three tables and the same figures by direct aggregate, read in one snapshot. */
async function tablesAndTruth(): Promise<{ tables: Row[][]; truth: Row[][] }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const q = (sql: string) => tx.$queryRawUnsafe<Row[]>(sql);
    const norm = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
    const tables = [
      await q(`SELECT "status", "createdById", "count", "amount" FROM "ChargeCountTotal" WHERE "count" <> 0 OR "amount" <> 0 ORDER BY 1, 2`),
      await q(`SELECT to_char("day", 'YYYY-MM-DD') AS "day", "status", "createdById", "count", "amount" FROM "ChargeCountDaily" WHERE "count" <> 0 OR "amount" <> 0 ORDER BY 1, 2, 3`),
      await q(`SELECT to_char("day", 'YYYY-MM-DD') AS "day", "status", "count", "amount" FROM "ChargeOutcomeDaily" WHERE "count" <> 0 OR "amount" <> 0 ORDER BY 1, 2`),
    ];
    // The truth computed here independently of the trigger's helper functions.
    const jst = (col: string) => `to_char(("${col}" AT TIME ZONE 'UTC') + interval '9 hours', 'YYYY-MM-DD')`;
    const truth = [
      await q(`SELECT "status", "createdById", count(*) AS "count", sum("amount") AS "amount" FROM "Charge" GROUP BY 1, 2 ORDER BY 1, 2`),
      await q(`SELECT ${jst("createdAt")} AS "day", "status", "createdById", count(*) AS "count", sum("amount") AS "amount" FROM "Charge" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
      await q(`SELECT CASE WHEN "status" = 'successful' THEN to_char(("paidAt" AT TIME ZONE 'UTC') + interval '9 hours', 'YYYY-MM-DD')
                 ELSE to_char(("expiredAt" AT TIME ZONE 'UTC') + interval '9 hours', 'YYYY-MM-DD') END AS "day",
               "status", count(*) AS "count", sum("amount") AS "amount" FROM "Charge"
               WHERE ("status" = 'successful' AND "paidAt" IS NOT NULL) OR ("status" = 'expired' AND "expiredAt" IS NOT NULL) GROUP BY 1, 2 ORDER BY 1, 2`),
    ];
    return { tables: tables.map(norm), truth: truth.map(norm) };
  }, { isolationLevel: "RepeatableRead" });
}

const STATUSES = ["pending", "successful", "expired", "failed"] as const;

describe("kept-current counts", () => {
  it("equal a fresh count(*) after a randomized run through the app and through plain SQL", async () => {
    const db = await getDb();
    const staff: Actor[] = [await makeUser("staff"), await makeUser("admin")];
    const versionBefore = BigInt(await getChangeVersion());
    // Deterministic "random" so a failure can be replayed: a small LCG.
    let seed = 20261201;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);

    // Through the app: created at the simulator, then some paid (synced), some expired.
    const appIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const actor = staff[rnd(2)]!;
      const made = await createCharge({ actor, input: { amount: 1000 + rnd(5000), customerName: `カウント${i}`, ...uniqueCustomer() } });
      appIds.push(made.charge.id);
    }
    for (const [i, id] of appIds.entries()) {
      if (i % 3 === 0) {
        await sim(simUrl, `/charges/${id}/mark_as_paid`, {}, "skey_test_konbinidesk");
        await syncCharge({ actor: staff[0]!, id });
      } else if (i % 3 === 1) {
        await expireCharge({ actor: staff[1]!, id });
      }
    }

    // By plain SQL: a bulk insert spread over days and staff, then transitions, amount edits,
    // a created-day move and deletes, in several statements and one multi-row statement.
    const tag = `sql${Date.now()}`;
    await db.$executeRawUnsafe(`
      INSERT INTO "Charge" ("id", "reference", "status", "amount", "currency", "customerName", "customerEmail", "customerPhone", "createdById", "createdAt", "updatedAt")
      SELECT 'chrg_${tag}_' || g, '${tag}-' || g, 'pending', 100 + g, 'jpy', 'バルク' || g, 'b' || g || '@example.jp', '0900000' || lpad(g::text, 4, '0'),
             CASE WHEN g % 2 = 0 THEN '${staff[0]!.id}' ELSE '${staff[1]!.id}' END, now() - (g || ' hours')::interval, now()
      FROM generate_series(1, 300) g`);
    for (let round = 0; round < 12; round++) {
      const to = STATUSES[1 + rnd(3)]!;
      const set = to === "successful" ? `"paidAt" = now() - (${rnd(72)} || ' hours')::interval` : to === "expired" ? `"expiredAt" = now() - (${rnd(72)} || ' hours')::interval` : `"failureCode" = 'x'`;
      await db.$executeRawUnsafe(`UPDATE "Charge" SET "status" = '${to}', ${set} WHERE "reference" LIKE '${tag}-%' AND "status" = 'pending' AND right("reference", 1) = '${rnd(10)}'`);
    }
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "status" = 'expired', "expiredAt" = now() + interval '3 days' WHERE "reference" LIKE '${tag}-6%' AND "status" = 'pending'`);
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "amount" = "amount" + 7 WHERE "reference" LIKE '${tag}-1%'`);
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "createdAt" = "createdAt" - interval '3 days' WHERE "reference" LIKE '${tag}-2%'`);
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "paidAt" = "paidAt" - interval '1 day' WHERE "reference" LIKE '${tag}-3%' AND "status" = 'successful'`);
    await db.$executeRawUnsafe(`DELETE FROM "Charge" WHERE "reference" LIKE '${tag}-4%'`);
    // Terminal with no time recorded (an operator's SQL): counted in the totals, on no outcome day.
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "status" = 'expired', "expiredAt" = NULL WHERE "reference" LIKE '${tag}-5%' AND "status" = 'pending'`);

    const { tables, truth } = await tablesAndTruth();
    expect(tables[0]).toEqual(truth[0]);
    expect(tables[1]).toEqual(truth[1]);
    expect(tables[2]).toEqual(truth[2]);

    // What the API and the overview read equals the direct query too.
    const counts = await getChargeCounts();
    const direct = await db.$queryRaw<{ status: string; n: bigint }[]>`SELECT "status", count(*) AS n FROM "Charge" GROUP BY 1`;
    for (const s of STATUSES) expect(counts[s], s).toBe(Number(direct.find((d) => d.status === s)?.n ?? 0));
    expect(counts.all).toBe(direct.reduce((n, d) => n + Number(d.n), 0));
    const overview = await getOverview();
    const [pending] = await db.$queryRaw<{ n: bigint; a: bigint | null }[]>`SELECT count(*) AS n, sum("amount") AS a FROM "Charge" WHERE "status" = 'pending'`;
    expect(overview.pending).toEqual({ count: Number(pending!.n), amount: Number(pending!.a ?? 0) });
    const [paidToday] = await db.$queryRaw<{ n: bigint; a: bigint | null }[]>`SELECT count(*) AS n, sum("amount") AS a FROM "Charge"
      WHERE "status" = 'successful' AND to_char(("paidAt" AT TIME ZONE 'UTC') + interval '9 hours', 'YYYY-MM-DD') >= to_char((now() AT TIME ZONE 'UTC') + interval '9 hours', 'YYYY-MM-DD')`;
    expect(overview.paidToday).toEqual({ count: Number(paidToday!.n), amount: Number(paidToday!.a ?? 0) });
    // Expired "this month" means from the 1st on, a time after now included (the simulator's clock
    // ran ahead for some; e2e moves it by 8 days).
    const [expiredMonth] = await db.$queryRaw<{ n: bigint; a: bigint | null }[]>`SELECT count(*) AS n, sum("amount") AS a FROM "Charge"
      WHERE "status" = 'expired' AND ("expiredAt" AT TIME ZONE 'UTC') + interval '9 hours' >= date_trunc('month', (now() AT TIME ZONE 'UTC') + interval '9 hours')`;
    expect(overview.expiredMonth).toEqual({ count: Number(expiredMonth!.n), amount: Number(expiredMonth!.a ?? 0) });

    // Every write moved the polling version forward.
    expect(BigInt(await getChangeVersion())).toBeGreaterThan(versionBefore + 300n);

    // Gone again (charges Omise never heard of would otherwise stay pending for the
    // reconciliation tests that follow), and the tables follow the deletes exactly.
    await db.$executeRawUnsafe(`DELETE FROM "Charge" WHERE "reference" LIKE '${tag}-%'`);
    const after = await tablesAndTruth();
    expect(after.tables).toEqual(after.truth);
  });

  it("moves the version on a write that changes no count, and not on a read", async () => {
    const db = await getDb();
    const v1 = await getChangeVersion();
    await getChargeCounts();
    expect(await getChangeVersion()).toBe(v1);
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "lastSyncedAt" = now() WHERE "id" = (SELECT "id" FROM "Charge" ORDER BY "createdAt" DESC LIMIT 1)`);
    expect(BigInt(await getChangeVersion())).toBe(BigInt(v1) + 1n);
  });

  it("computes the search column in the database with the same rules as the app, for rows written by plain SQL", async () => {
    const db = await getDb();
    // The alphabet staff type: ASCII, full-width ASCII, hiragana, katakana, half-width katakana, kanji, spaces.
    const chars = fc.constantFrom(..."aZ9@._-+ ｱｲｳｶﾞﾊﾟｰ　ＡＺａ０９＠あいうがぱゝゞゔアイウヴー田中鈴木\t\n".split(""));
    await fc.assert(
      fc.asyncProperty(fc.array(chars, { maxLength: 24 }).map((a) => a.join("")), async (value) => {
        const [row] = await db.$queryRaw<{ v: string }[]>`SELECT "kd_normalize_search"(${value}) AS v`;
        expect(row!.v).toBe(normalizeSearch(value));
      }),
      { numRuns: 200 },
    );
    const id = `chrg_sqlsearch${Date.now()}`;
    const user = await makeUser("staff");
    await db.$executeRaw`INSERT INTO "Charge" ("id", "reference", "status", "amount", "currency", "customerName", "customerEmail", "customerPhone", "createdById", "updatedAt")
      VALUES (${id}, ${`ref-${id}`}, 'pending', 500, 'jpy', 'ｽｽﾞｷ　はなこ', 'Hana@Example.JP', '090-5555-0101', ${user.id}, now())`;
    const found = await getChargeCounts({ q: "すずき ハナコ" });
    expect(found.pending).toBeGreaterThanOrEqual(1);
    const [stored] = await db.$queryRaw<{ searchText: string }[]>`SELECT "searchText" FROM "Charge" WHERE "id" = ${id}`;
    expect(stored!.searchText.split("\n")).toEqual(["スズキ ハナコ", "hana@example.jp", "09055550101", "", `ref-${id}`, id]);
    await db.$executeRaw`DELETE FROM "Charge" WHERE "id" = ${id}`;
  });
});

// The plans at this table size only show what the planner CAN do once scans are priced out;
// `npm run bench` checks them again at 1M charges with the planner left alone.
describe("query plans", () => {
  it("pages the newest-first list from the (status, createdAt, id) index by row-value comparison, without a sort", async () => {
    const text = await planOf(createdPageSql({ status: "pending", cursor: { createdAt: new Date(), id: "chrg_x" }, take: 26 }), ["enable_seqscan", "enable_bitmapscan"]);
    expect(text).toContain("Charge_status_createdAt_id_idx");
    expect(text).toMatch(/Index Cond: .*ROW\("createdAt", id\) < ROW\(/);
    expect(text).not.toMatch(/\bSort\b/);
  });

  it("serves a name, part of an email or phone search from the trigram index", async () => {
    for (const q of ["タナカ", "cust777@exam", "090-1234"]) {
      const sql = Prisma.sql`SELECT "id" FROM "Charge" WHERE TRUE ${searchSql(q)}`;
      const text = await planOf(sql, ["enable_seqscan"]);
      expect(text, q).toContain("Charge_searchText_trgm_idx");
    }
  });

  it("looks a whole email, charge id or reference up exactly, by its index", async () => {
    const plan = async (q: string) => planOf(Prisma.sql`SELECT "id" FROM "Charge" WHERE TRUE ${searchSql(q)}`, ["enable_seqscan"]);
    expect(await plan("Cust777@Example.jp")).toContain("Charge_email_folded_idx");
    const id = await plan("chrg_test_5abcdefgh");
    expect(id).toContain("Charge_pkey");
    expect(id).toContain("Charge_reference_key");
  });
});
