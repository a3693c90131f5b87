import { readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { listCharges } from "@/lib/charges/list-charges";
import { getChargeCounts } from "@/lib/charges/counts";
import { chargeSearchText } from "@/lib/charges/search-text";
import type { Actor } from "@/lib/auth/types";
import { makeUser, uniqueCustomer } from "./helpers";

// Search over the stored normalised column, with charges made through the simulator over HTTP.
let staff: Actor;
let tanaka: string;
let other: string;
const tag = randomBytes(4).toString("hex");
const email = `Tanaka.${tag}@Example.jp`;
const ids = async (q: string) => (await listCharges({ query: { q, limit: 100 } })).data.map((c) => c.id);

beforeAll(async () => {
  staff = await makeUser("staff");
  const made = await createCharge({
    actor: staff,
    input: { amount: 1800, customerName: "タナカ", customerEmail: email, customerPhone: "080-1000-1004", description: `検索 ${tag}` },
  });
  tanaka = made.charge.id;
  other = (await createCharge({ actor: staff, input: { amount: 1900, customerName: "スズキ", customerEmail: `s.${tag}@example.jp`, customerPhone: uniqueCustomer().customerPhone } })).charge.id;
});

describe("charge search", () => {
  it("finds タナカ by half-width ﾀﾅｶ, by hiragana たなか and by タナカ itself", async () => {
    for (const q of ["ﾀﾅｶ", "たなか", "タナカ"]) {
      const found = await ids(q);
      expect(found, q).toContain(tanaka);
      expect(found, q).not.toContain(other);
    }
  });

  it("finds it by its phone with or without hyphens, and by part of it", async () => {
    for (const q of ["080-1000-1004", "08010001004", "０８０－１０００－１００４", "1000-1004"]) expect(await ids(q), q).toContain(tanaka);
    expect(await ids("080-1000-1005")).not.toContain(tanaka);
  });

  it("finds it by its email in any case, and by the description", async () => {
    expect(await ids(email)).toEqual([tanaka]);
    expect(await ids(email.toLowerCase())).toEqual([tanaka]);
    // A whole address is matched exactly (an index lookup); a part of one as a substring.
    expect(await ids(`x${email}`)).toEqual([]);
    expect(await ids(`tanaka.${tag}`)).toEqual([tanaka]);
    expect(await ids(`検索　${tag}`)).toEqual([tanaka]); // a full-width space is a space
  });

  it("finds it by its Omise id and reference, and the counts use the same search", async () => {
    const db = await getDb();
    const row = await db.charge.findUniqueOrThrow({ where: { id: tanaka } });
    expect(await ids(tanaka)).toEqual([tanaka]);
    expect(await ids(row.reference)).toEqual([tanaka]);
    expect(await getChargeCounts({ q: tag })).toMatchObject({ pending: 2, all: 2 });
  });

  it("stores what was sent to Omise unchanged; only the search column is normalised", async () => {
    const row = await (await getDb()).charge.findUniqueOrThrow({ where: { id: tanaka } });
    expect(row.customerName).toBe("タナカ");
    expect(row.customerEmail).toBe(email);
    expect(row.customerPhone).toBe("08010001004");
    expect(row.searchText).toBe(chargeSearchText(row));
  });

  it("the migration's backfill writes what the app writes", async () => {
    const db = await getDb();
    const id = `chrg_test_bf${tag}`;
    const fields = { customerName: "ﾀﾅｶ　たろう", customerEmail: "BF@Example.JP", customerPhone: "09012345678", description: "ＡＢＣ　ﾃｽﾄ" };
    await db.charge.create({ data: { id, reference: `kd_BF${tag}`, status: "pending", amount: 500, currency: "JPY", createdById: staff.id, ...fields } });
    const sql = readFileSync(path.resolve(import.meta.dirname, "../prisma/migrations/20261201100000_search_text/migration.sql"), "utf8");
    const update = sql.slice(sql.indexOf('UPDATE "Charge"')).replace(/;\s*$/, "");
    await db.$executeRawUnsafe(`${update} WHERE id = '${id}'`);
    const row = await db.charge.findUniqueOrThrow({ where: { id } });
    expect(row.searchText).toBe(chargeSearchText(row));
    expect(row.searchText.split("\n")[0]).toBe("タナカ タロウ");
    expect(await ids("ﾀﾛｳ")).toContain(id);
  });
});

// Words in a fifth of the rows or more are left out of the index lookup and checked on the rows
// found (lib/charges/search-common-words.ts): the rows must be exactly those that hold the query.
describe("charge search with words common to most rows", () => {
  const n = 1500;
  const prefix = `chrg_common_${tag}_`;
  beforeAll(async () => {
    const db = await getDb();
    await db.$executeRawUnsafe(
      `INSERT INTO "Charge" (id, reference, status, amount, currency, "customerName", "customerEmail", "customerPhone", description, "createdById", "createdAt", "updatedAt")
       SELECT '${prefix}' || g, 'kd_common_${tag}_' || g, 'pending', 1000, 'JPY', 'ヤマダ' || g, 'c' || g || '.${tag}@example.jp', '0903' || lpad(g::text, 7, '0'),
         '電話注文 #' || (g * 7) || CASE WHEN g % 10 = 0 THEN ' ケーキ' ELSE '' END, $1, now() + g * interval '1 ms', now()
       FROM generate_series(1, ${n}) g`,
      staff.id,
    );
    const { refreshCommonWords } = await import("@/lib/charges/search-common-words-load");
    await refreshCommonWords();
    return async () => void (await db.$executeRawUnsafe(`DELETE FROM "Charge" WHERE id LIKE '${prefix}%'`));
  });

  it("learns them from the newest charges", async () => {
    const { commonSearchWords } = await import("@/lib/charges/search-common-words-load");
    expect(commonSearchWords().has("電話注文")).toBe(true);
    expect(commonSearchWords().has("ケーキ")).toBe(false); // in a tenth of them
  });

  it("asks the index for the rest of the query only, and finds exactly the rows that hold it", async () => {
    const { searchSql } = await import("@/lib/charges/search-sql");
    const sql = searchSql("電話注文 #1057");
    expect(sql.values).toEqual(["%#1057%", "電話注文 #1057"]);
    expect(sql.text).toContain("strpos");
    const db = await getDb();
    for (const q of ["電話注文 #1057", "注文 #70", "電話注文 #70 ケーキ", "@example.jp", "電話注文"]) {
      const truth = await db.$queryRawUnsafe<{ id: string }[]>(
        `SELECT id FROM "Charge" WHERE strpos("searchText", $1) > 0 ORDER BY "createdAt" DESC, id DESC LIMIT 100`,
        q,
      );
      expect(await ids(q), q).toEqual(truth.map((r) => r.id));
      expect(truth.length, q).toBeGreaterThan(0);
    }
  });
});
