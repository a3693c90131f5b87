import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PREPARED_STATEMENTS, getDb, getPgPool, preparedName, readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { env, parseEnv } from "@/lib/env";
import { processSingleton, publishProcessValue } from "@/lib/process-state";
import { createdPageSql, listCharges } from "@/lib/charges/list-charges";
import { withDeadlineSql, withoutDeadlineSql } from "@/lib/charges/list-by-deadline";
import { pageRowsSql } from "@/lib/charges/page-rows";
import { makeUser } from "./helpers";
import { genericPlanOf } from "./plan";

// The hot reads run as named prepared statements on PostgreSQL (lib/db.ts readRows { prepare }):
// parsed once per connection, and planned once their plan does not depend on the values. This
// file proves they are really prepared, that DATABASE_PREPARED_STATEMENTS=false and the cap turn
// it off, that only the plain list's page statements are (not a search's or a filter's), and that
// the plan PostgreSQL keeps for those (the generic plan) still pages from the index, without a sort.
const onPostgres = Boolean(process.env.DATABASE_URL);
const tag = `prep_${randomBytes(3).toString("hex")}`;

/** The names of the statements prepared on every connection the app's pool holds. */
async function preparedOnPool(): Promise<Set<string>> {
  const pool = (await getPgPool())!;
  const clients = await Promise.all(Array.from({ length: Math.max(pool.totalCount, 1) }, () => pool.connect()));
  try {
    const names = new Set<string>();
    for (const client of clients) for (const row of (await client.query<{ name: string }>("SELECT name FROM pg_prepared_statements")).rows) names.add(row.name);
    return names;
  } finally {
    for (const client of clients) client.release();
  }
}

async function withPreparedSetting<T>(value: string, fn: () => Promise<T>): Promise<T> {
  const saved = env();
  publishProcessValue("env", parseEnv({ ...process.env, DATABASE_PREPARED_STATEMENTS: value }));
  try {
    return await fn();
  } finally {
    publishProcessValue("env", saved);
  }
}

/** `fn` with the process's names filled up to MAX_PREPARED_STATEMENTS (each new one named), then the fillers taken out again. */
async function atTheCap(fn: (names: Map<string, string>) => Promise<void>): Promise<void> {
  const names = processSingleton("preparedStatements", () => new Map<string, string>());
  const before = new Set(names.keys());
  try {
    for (let i = 0; names.size < MAX_PREPARED_STATEMENTS; i++) expect(preparedName(`SELECT 1 /* ${tag} fill ${i} */`)).toMatch(/^kd_/);
    await fn(names);
  } finally {
    for (const text of [...names.keys()]) if (!before.has(text)) names.delete(text);
  }
}

/** A statement text no other test runs, so its name (or its absence) is this test's alone. */
const uniqueSql = (label: string) => Prisma.sql`SELECT ${Prisma.raw(`'${tag}_${label}'`)}::text AS "tag", (${41} + 1)::int AS "n"`;

describe("preparedName", () => {
  it("names a text by its hash, the same name every time, kd_ and 32 hex digits", () => {
    const a = preparedName(`SELECT 1 /* ${tag} a */`);
    expect(a).toMatch(/^kd_[0-9a-f]{32}$/);
    expect(preparedName(`SELECT 1 /* ${tag} a */`)).toBe(a);
    expect(preparedName(`SELECT 1 /* ${tag} b */`)).not.toBe(a);
  });

  it("names nothing with DATABASE_PREPARED_STATEMENTS=false (or 0), and refuses any other value", async () => {
    for (const off of ["false", "0"]) expect(await withPreparedSetting(off, async () => preparedName(`SELECT 1 /* ${tag} off */`))).toBeUndefined();
    expect(await withPreparedSetting("1", async () => preparedName(`SELECT 1 /* ${tag} on */`))).toMatch(/^kd_/);
    expect(() => parseEnv({ ...process.env, DATABASE_PREPARED_STATEMENTS: "yes" })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });

  it(`names at most ${MAX_PREPARED_STATEMENTS} texts per process; the ones named keep their names`, async () => {
    const first = `SELECT 1 /* ${tag} kept */`;
    const kept = preparedName(first);
    await atTheCap(async (names) => {
      expect(preparedName(`SELECT 1 /* ${tag} one too many */`)).toBeUndefined();
      expect(names.size).toBe(MAX_PREPARED_STATEMENTS);
      expect(preparedName(first)).toBe(kept);
    });
  });
});

describe.skipIf(!onPostgres)("readRows { prepare } on PostgreSQL", () => {
  it("runs the statement under its name, prepared on the connection, with the right rows each time", async () => {
    const sql = uniqueSql("on");
    const name = preparedName(sql.text)!;
    // More than five runs: PostgreSQL switches to its generic plan after the fifth.
    for (let i = 0; i < 8; i++) expect(await readRows<{ tag: string; n: number }>(sql, { prepare: true })).toEqual([{ tag: `${tag}_on`, n: 42 }]);
    expect(await preparedOnPool()).toContain(name);
  });

  it("prepares nothing without { prepare }, with DATABASE_PREPARED_STATEMENTS=false, or past the cap", async () => {
    const plain = uniqueSql("plain");
    expect(await readRows(plain)).toHaveLength(1);
    const off = uniqueSql("off");
    const offName = preparedName(off.text)!; // the name it would have had
    await withPreparedSetting("false", async () => expect(await readRows(off, { prepare: true })).toEqual([{ tag: `${tag}_off`, n: 42 }]));
    const over = uniqueSql("over");
    await atTheCap(async () => expect(await readRows(over, { prepare: true })).toEqual([{ tag: `${tag}_over`, n: 42 }]));
    const onPool = await preparedOnPool();
    expect(onPool).not.toContain(offName);
    expect(onPool).not.toContain(preparedName(plain.text));
    expect(onPool).not.toContain(preparedName(over.text));
  });

  it("survives a migration that changes a column it returns: the stale statement is prepared afresh under a new name", async () => {
    const db = await getDb();
    const table = `kd_prep_${tag}`;
    await db.$executeRawUnsafe(`CREATE TABLE "${table}" ("a" int NOT NULL)`);
    try {
      await db.$executeRawUnsafe(`INSERT INTO "${table}" VALUES (7)`);
      const sql = Prisma.sql`SELECT "a" FROM ${Prisma.raw(`"${table}"`)}`;
      const before = preparedName(sql.text)!;
      // One after another: the pool hands back the same idle connection, so it holds the statement.
      for (let i = 0; i < 6; i++) expect(await readRows(sql, { prepare: true })).toEqual([{ a: 7 }]);
      await db.$executeRawUnsafe(`ALTER TABLE "${table}" ALTER COLUMN "a" TYPE text`);
      for (let i = 0; i < 3; i++) expect(await readRows(sql, { prepare: true })).toEqual([{ a: "7" }]);
      const after = preparedName(sql.text)!;
      expect(after).toMatch(/^kd_[0-9a-f]{32}$/);
      expect(after).not.toBe(before);
      expect(await preparedOnPool()).toContain(after);
    } finally {
      await db.$executeRawUnsafe(`DROP TABLE "${table}"`);
    }
  });

  it("prepares the plain list's page statement, not a search's or a filter's", async () => {
    const staff = await makeUser("staff");
    const db = await getDb();
    await db.charge.create({
      data: { id: `chrg_test_${tag}`, reference: `kd_${tag}`, status: "pending", amount: 1200, currency: "JPY", customerName: `プリペア ${tag}`, customerEmail: `${tag}@example.jp`, customerPhone: "08000000000", createdById: staff.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    try {
      const pageOf = (status: string | null, q?: string, filters = {}) => pageRowsSql(createdPageSql({ status, q, filters, take: 11 }), Prisma.sql`k."createdAt" DESC, k."id" DESC`);
      await listCharges({ query: { status: "pending", limit: "10" } });
      await listCharges({ query: { status: "pending", limit: "10", q: tag } });
      await listCharges({ query: { status: "pending", limit: "10", staff: staff.id } });
      const onPool = await preparedOnPool();
      expect(onPool).toContain(preparedName(pageOf("pending").text));
      expect(onPool).not.toContain(preparedName(pageOf("pending", tag).text));
      expect(onPool).not.toContain(preparedName(pageOf("pending", undefined, { staff: staff.id }).text));
    } finally {
      await db.charge.deleteMany({ where: { id: `chrg_test_${tag}` } });
    }
  });
});

// Tiny tables here: scans are priced out so the plan shows what the index alone can do;
// `npm run bench` checks the same statements at 1M charges with the planner left alone.
describe("the plain list's page statements, as prepared", () => {
  const cursorAt = { createdAt: new Date(), id: "chrg_x" };

  it("bind only the cursor: page size and status tab are written in", () => {
    expect(createdPageSql({ status: "pending", take: 26 }).values).toEqual([]);
    expect(createdPageSql({ status: "pending", cursor: cursorAt, take: 26 }).values).toEqual([cursorAt.createdAt, "chrg_x"]);
    expect(createdPageSql({ status: "pending", take: 26 }).text).toMatch(/"status" = 'pending'.*LIMIT 26/s);
    expect(withDeadlineSql({ status: null, take: 26 }).values).toEqual([]);
  });

  it("keep a generic plan that pages newest first from the (status, createdAt, id) index by row-value comparison, without a sort", async () => {
    const plan = await genericPlanOf(createdPageSql({ status: "pending", cursor: cursorAt, take: 26 }), ["enable_seqscan", "enable_bitmapscan"]);
    expect(plan).toContain("Charge_status_createdAt_id_idx");
    expect(plan).toMatch(/Index Cond: .*ROW\("createdAt", id\) < ROW\(\$1, \$2\)/);
    expect(plan).not.toMatch(/\bSort\b/);
    const all = await genericPlanOf(createdPageSql({ status: null, cursor: cursorAt, take: 26 }), ["enable_seqscan", "enable_bitmapscan"]);
    expect(all).toMatch(/Index (Only )?Scan.* on "Charge"/);
    expect(all).not.toMatch(/\bSort\b/);
  });

  it("keep a generic plan for the deadline order from its index, without a sort", async () => {
    for (const status of ["pending", null]) {
      const withDeadline = await genericPlanOf(withDeadlineSql({ status, cursor: { expiresAt: new Date(), id: "chrg_x" }, take: 26 }), ["enable_seqscan", "enable_bitmapscan"]);
      expect(withDeadline, String(status)).toMatch(/Index (Only )?Scan.* on "Charge"/);
      expect(withDeadline, String(status)).toMatch(/ROW\("expiresAt", id\) > ROW\(\$1, \$2\)/);
      expect(withDeadline, String(status)).not.toMatch(/\bSort\b/);
      // Charges without a deadline are few: on a tiny table the planner would rather sort them
      // than walk the index; with sorting priced out too, the index alone must give the order.
      const without = await genericPlanOf(withoutDeadlineSql({ status, cursor: { expiresAt: null, id: "chrg_x" }, take: 26 }), ["enable_seqscan", "enable_bitmapscan", "enable_sort"]);
      expect(without, String(status)).toMatch(/Index (Only )?Scan.* on "Charge"/);
      expect(without, String(status)).toMatch(/"expiresAt" IS NULL/);
      expect(without, String(status)).not.toMatch(/\bSort\b/);
    }
  });

  it("keep a generic plan for the whole page statement that reads its rows by primary key, with no sequential scan of Charge", async () => {
    const plan = await genericPlanOf(pageRowsSql(createdPageSql({ status: "pending", cursor: cursorAt, take: 26 }), Prisma.sql`k."createdAt" DESC, k."id" DESC`), ["enable_seqscan", "enable_bitmapscan"]);
    expect(plan).toContain("Charge_status_createdAt_id_idx");
    expect(plan).toContain("Charge_pkey");
    expect(plan).not.toMatch(/Seq Scan on "Charge"/);
  });
});

beforeAll(async () => {
  await getDb();
});
afterAll(async () => {
  await (await getDb()).charge.deleteMany({ where: { id: { startsWith: `chrg_test_${tag}` } } });
});
