import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getDb, readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { listCharges } from "@/lib/charges/list-charges";
import { getCharge } from "@/lib/charges/get-charge";
import { makeUser } from "./helpers";

// The list reads its timestamps as ISO strings straight from PostgreSQL's text (lib/db.ts readRows
// { isoTimestamps }, lib/pg-timestamps.ts), not through a Date. On both databases, whatever the
// stored precision, the list must send exactly the strings a Date read by Prisma prints.
const tag = `ts_${randomBytes(3).toString("hex")}`;
const ids: string[] = [];

afterAll(async () => {
  await (await getDb()).charge.deleteMany({ where: { id: { in: ids } } });
});

describe("the list's timestamps", () => {
  it("equal Prisma's Dates printed: written by SQL with microseconds, in another zone, a null deadline, a paid time", async () => {
    const staff = await makeUser("staff");
    const db = await getDb();
    const stamps = [
      ["2026-11-30 23:59:59.999999+00", "2026-12-03 15:00:00.123456+00", null],
      ["2026-12-01 00:00:00+00", null, "2026-12-01 00:00:00.5+00"],
      ["2026-12-01 09:30:00.000001+09", "2026-12-04 00:00:00.04+00", "2026-12-01 12:00:00.999+00"],
    ] as const;
    for (const [i, [createdAt, expiresAt, paidAt]] of stamps.entries()) {
      const id = `chrg_test_${tag}_${i}`;
      ids.push(id);
      await db.charge.create({
        data: { id, reference: `kd_${tag}_${i}`, status: paidAt ? "successful" : "pending", amount: 500 + i, currency: "JPY", customerName: `時刻 ${tag}`, customerEmail: `${tag}-${i}@example.jp`, customerPhone: "08000000000", createdById: staff.id },
      });
      // Written by SQL, as an operator or a migration could, with more precision than a Date holds
      // (the columns are timestamptz(3): PostgreSQL rounds to milliseconds as it stores).
      await db.$executeRaw`UPDATE "Charge" SET "createdAt" = ${createdAt}::timestamptz, "expiresAt" = ${expiresAt}::timestamptz, "paidAt" = ${paidAt}::timestamptz, "lastSyncedAt" = ${createdAt}::timestamptz WHERE "id" = ${id}`;
    }
    const page = await listCharges({ query: { q: tag, limit: "10" } });
    // The prepared path (no search, no filter): paged through until it has listed all three.
    const plain: { data: Awaited<ReturnType<typeof listCharges>>["data"] } = { data: [] };
    for (let cursor: string | undefined, n = 0; n < 200; n++) {
      const p = await listCharges({ query: { limit: "100", ...(cursor ? { cursor } : {}) } });
      plain.data.push(...p.data.filter((c) => ids.includes(c.id)));
      if (plain.data.length === ids.length || !p.nextCursor) break;
      cursor = p.nextCursor;
    }
    expect(page.data.map((c) => c.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const row = await db.charge.findUniqueOrThrow({ where: { id } });
      const want = { createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt?.toISOString() ?? null, paidAt: row.paidAt?.toISOString() ?? null, lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null };
      for (const listed of [page.data.find((c) => c.id === id), plain.data.find((c) => c.id === id)]) {
        expect(listed, id).toBeDefined();
        expect({ createdAt: listed!.createdAt, expiresAt: listed!.expiresAt, paidAt: listed!.paidAt, lastSyncedAt: listed!.lastSyncedAt }, id).toEqual(want);
      }
      // The charge's own page reads it another way (Dates): the same strings.
      const detail = await getCharge({ id });
      expect(detail && { createdAt: detail.createdAt, expiresAt: detail.expiresAt, paidAt: detail.paidAt }, id).toEqual({ createdAt: want.createdAt, expiresAt: want.expiresAt, paidAt: want.paidAt });
    }
    expect(page.data.find((c) => c.id === ids[0])?.createdAt).toBe("2026-12-01T00:00:00.000Z"); // rounded up as stored
    expect(page.data.find((c) => c.id === ids[0])?.expiresAt).toBe("2026-12-03T15:00:00.123Z");
    expect(page.data.find((c) => c.id === ids[2])?.createdAt).toBe("2026-12-01T00:30:00.000Z");
  });

  it("readRows { isoTimestamps } gives ISO strings on either database, and Dates without it", async () => {
    const sql = Prisma.sql`SELECT '2026-12-02 15:21:24.489123+00'::timestamptz AS "at", NULL::timestamptz AS "none", 'x'::text AS "t"`;
    expect(await readRows(sql, { isoTimestamps: true })).toEqual([{ at: "2026-12-02T15:21:24.489Z", none: null, t: "x" }]);
    const [row] = await readRows<{ at: unknown }>(sql);
    expect(row?.at).toBeInstanceOf(Date);
  });
});
