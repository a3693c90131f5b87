import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A test's own (safe) value as an SQL literal. */
const literal = (v: unknown) => (typeof v === "number" ? String(v) : `'${(v instanceof Date ? v.toISOString() : String(v)).replace(/'/g, "''")}'`);

class RolledBack extends Error {
  constructor(readonly plan: string) {
    super("rolled back");
  }
}

/**
 * EXPLAIN of a query with the given planner settings off (`enable_seqscan`, …) for one
 * transaction. EXPLAIN takes no bind parameters here, so the test's own (safe) values are written in as literals.
 * `analyze`: ANALYZE these tables first, inside the transaction, which is then rolled back, so the
 * statistics of a test's rows do not steer the plans of tests that run later.
 */
export async function planOf(sql: Prisma.Sql, off: string[], analyze: string[] = []): Promise<string> {
  const db = await getDb();
  const explained = `EXPLAIN ${sql.text.replace(/\$(\d+)/g, (_, n: string) => literal(sql.values[Number(n) - 1]))}`;
  try {
    await db.$transaction(async (tx) => {
      for (const table of analyze) await tx.$executeRawUnsafe(`ANALYZE "${table}"`);
      for (const setting of off) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
      const plan = (await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(explained)).map((r) => r["QUERY PLAN"]).join("\n");
      throw new RolledBack(plan);
    });
  } catch (err) {
    if (err instanceof RolledBack) return err.plan;
    throw err;
  }
  throw new Error("planOf: the transaction did not run");
}

/**
 * The GENERIC plan of a statement as the app prepares it (lib/db.ts readRows { prepare }): the
 * plan PostgreSQL keeps for a named statement once five runs did not depend on the values, here
 * forced (plan_cache_mode). The statement is PREPAREd with its parameters left as $n and EXPLAIN
 * EXECUTEd with the test's values, with the given planner settings off, then deallocated (a
 * PREPARE outlives its transaction's rollback).
 */
export async function genericPlanOf(sql: Prisma.Sql, off: string[]): Promise<string> {
  const db = await getDb();
  const name = `kd_plan_test_${process.pid}_${Date.now()}`;
  const args = sql.values.length ? `(${sql.values.map(literal).join(", ")})` : "";
  try {
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL plan_cache_mode = force_generic_plan`);
      for (const setting of off) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
      await tx.$executeRawUnsafe(`PREPARE ${name} AS ${sql.text}`);
      try {
        const plan = (await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN EXECUTE ${name}${args}`)).map((r) => r["QUERY PLAN"]).join("\n");
        throw new RolledBack(plan);
      } finally {
        await tx.$executeRawUnsafe(`DEALLOCATE ${name}`);
      }
    });
  } catch (err) {
    if (err instanceof RolledBack) return err.plan;
    throw err;
  }
  throw new Error("genericPlanOf: the transaction did not run");
}
