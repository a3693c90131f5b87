import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * EXPLAIN of a query with the given planner settings off (`enable_seqscan`, …) for one
 * transaction. EXPLAIN takes no bind parameters here, so the test's own (safe) values are written in as literals.
 */
export async function planOf(sql: Prisma.Sql, off: string[]): Promise<string> {
  const db = await getDb();
  const literal = (v: unknown) => (typeof v === "number" ? String(v) : `'${(v instanceof Date ? v.toISOString() : String(v)).replace(/'/g, "''")}'`);
  const explained = `EXPLAIN ${sql.text.replace(/\$(\d+)/g, (_, n: string) => literal(sql.values[Number(n) - 1]))}`;
  const plan = await db.$transaction(async (tx) => {
    for (const setting of off) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
    return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(explained);
  });
  return plan.map((r) => r["QUERY PLAN"]).join("\n");
}
