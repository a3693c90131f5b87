import { describe, expect, it } from "vitest";
import { limitSql, statusSql } from "./page-literals";
import { CHARGE_STATUSES } from "./status";

// What a keyset page writes into its statement instead of binding: only a page size from 1 to
// 100,000 and a known status ever reach the SQL text; anything else throws before any SQL runs.
describe("page literals", () => {
  it("writes a whole page size in, from 1 to 100,000", () => {
    expect(limitSql(1).text).toBe("LIMIT 1");
    expect(limitSql(26).text).toBe("LIMIT 26");
    expect(limitSql(100_000).text).toBe("LIMIT 100000");
    expect(limitSql(26).values).toEqual([]);
  });

  it("refuses a page size that is not a whole number in range", () => {
    for (const bad of [0, -1, 100_001, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "26" as unknown as number, "1; DROP TABLE x" as unknown as number]) {
      expect(() => limitSql(bad), String(bad)).toThrow(/a page takes 1 to 100000 rows/);
    }
  });

  it("writes each charge status in, and nothing for all", () => {
    expect(statusSql(null).text).toBe("");
    for (const s of CHARGE_STATUSES) {
      expect(statusSql(s).text).toBe(`AND "status" = '${s}'`);
      expect(statusSql(s).values).toEqual([]);
    }
  });

  it("refuses anything but a charge status", () => {
    for (const bad of ["", "all", "Pending", "pending' OR '1'='1", "paid"]) {
      expect(() => statusSql(bad), bad).toThrow(/not a charge status/);
    }
  });
});
