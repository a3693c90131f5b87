import { describe, expect, it } from "vitest";
import pg from "pg";
import { timestamptzTextToIso } from "./pg-timestamps";

// The list's rows take their timestamps as ISO strings straight from PostgreSQL's text
// (lib/db.ts readRows { isoTimestamps }); they must be exactly what pg's own parser and
// Date.toISOString gave before, for every value PostgreSQL can send.
const pgParse = pg.types.getTypeParser(1184, "text") as (text: string) => Date;
const toIso = timestamptzTextToIso(pgParse);
const before = (text: string) => pgParse(text).toISOString();

/** PostgreSQL's text for a UTC timestamptz: trailing zeros of the fraction dropped, none if zero. */
function pgText(y: number, mo: number, d: number, h: number, mi: number, s: number, micros: number): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const frac = micros ? `.${p(micros, 6)}`.replace(/0+$/, "") : "";
  return `${p(y, 4)}-${p(mo)}-${p(d)} ${p(h)}:${p(mi)}:${p(s)}${frac}+00`;
}

describe("timestamptz text to ISO", () => {
  it("gives what pg's parser and toISOString give, for every millisecond and cut microseconds", () => {
    for (let ms = 0; ms < 1000; ms++) {
      for (const extra of [0, 1, 500, 999]) {
        const text = pgText(2026, 12, 2, 15, 21, 24, ms * 1000 + extra);
        expect(toIso(text), text).toBe(before(text));
      }
    }
  });

  it("gives the same for random instants from 1000 to 9999", () => {
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 20_000; i++) {
      const t = new Date(Date.UTC(1000 + rand(9000), rand(12), 1 + rand(28), rand(24), rand(60), rand(60)));
      const text = pgText(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), rand(4) === 0 ? 0 : rand(1_000_000));
      expect(toIso(text), text).toBe(before(text));
    }
  });

  it("hands anything but a plain UTC value to pg's parser: other zones, years past 9999, BC", () => {
    for (const text of ["2026-12-03 00:21:24.489+09", "2026-12-02 10:21:24-05:30", "12026-01-01 00:00:00+00", "0044-03-15 12:00:00+00 BC"]) {
      expect(toIso(text), text).toBe(before(text));
    }
    expect(toIso("2026-12-03 00:21:24.489+09")).toBe("2026-12-02T15:21:24.489Z");
  });

  it("fails as before on a value no Date can hold", () => {
    expect(() => toIso("infinity")).toThrow();
  });
});
