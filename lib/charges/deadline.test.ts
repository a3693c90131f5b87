import { describe, expect, it } from "vitest";
import { endOfJstDay, resolveDeadline } from "@/lib/charges/deadline";

// 2026-11-27 10:00 JST
const now = new Date("2026-11-27T01:00:00Z");

function ok(input: string | undefined) {
  const r = resolveDeadline(input, now);
  if (!r.ok) throw new Error(`expected ok, got ${r.error}`);
  return r;
}

describe("resolveDeadline", () => {
  it("defaults to 23:59 JST seven days out", () => {
    expect(ok(undefined).expiresAt.toISOString()).toBe("2026-12-04T14:59:00.000Z");
    expect(ok("  ").expiresAt.toISOString()).toBe("2026-12-04T14:59:00.000Z");
  });

  it("uses the JST calendar day, not the UTC one, for the default", () => {
    // 2026-11-27 23:30 JST is still 11-27 in JST but 14:30Z the same UTC day; 2026-11-28 00:30 JST is 11-27 15:30Z.
    const lateUtc = new Date("2026-11-27T15:30:00Z");
    expect(endOfJstDay(lateUtc, 7).toISOString()).toBe("2026-12-05T14:59:00.000Z");
  });

  it("reads a date alone as 23:59 JST that day", () => {
    expect(ok("2026-12-10").expiresAt.toISOString()).toBe("2026-12-10T14:59:00.000Z");
  });

  it("reads a time without a zone as JST", () => {
    expect(ok("2026-12-10T18:00").expiresAt.toISOString()).toBe("2026-12-10T09:00:00.000Z");
    expect(ok("2026-12-10 18:30:15").expiresAt.toISOString()).toBe("2026-12-10T09:30:15.000Z");
  });

  it("turns 00:00 into 23:59 of the same day, with or without a zone", () => {
    expect(ok("2026-12-10T00:00").expiresAt.toISOString()).toBe("2026-12-10T14:59:00.000Z");
    expect(ok("2026-12-10T00:00:00+09:00").expiresAt.toISOString()).toBe("2026-12-10T14:59:00.000Z");
  });

  it("keeps an explicit zone", () => {
    expect(ok("2026-12-10T09:00:00Z").expiresAt.toISOString()).toBe("2026-12-10T09:00:00.000Z");
    expect(ok("2026-12-10T12:00:00-05:00").expiresAt.toISOString()).toBe("2026-12-10T17:00:00.000Z");
  });

  it("rejects past deadlines, including earlier today", () => {
    expect(resolveDeadline("2026-11-26", now)).toEqual({ ok: false, error: "deadline.past" });
    expect(resolveDeadline("2026-11-27T09:59", now)).toEqual({ ok: false, error: "deadline.past" });
    expect(ok("2026-11-27").expiresAt.toISOString()).toBe("2026-11-27T14:59:00.000Z");
  });

  it("rejects deadlines more than 365 days away", () => {
    expect(ok("2027-11-27T09:59").warnings).toEqual(["deadline.seven_eleven"]);
    expect(resolveDeadline("2027-11-27T10:01", now)).toEqual({ ok: false, error: "deadline.too_far" });
  });

  it("warns, without blocking, past 60 days (Seven-Eleven)", () => {
    expect(ok("2027-01-25").warnings).toEqual([]);
    expect(ok("2027-01-27").warnings).toEqual(["deadline.seven_eleven"]);
  });

  it("rejects malformed and impossible dates", () => {
    for (const bad of ["tomorrow", "2026-13-01", "2026-02-30", "2026-12-10T25:00", "12/10/2026", "2026-12-10T18:00+25"]) {
      expect(resolveDeadline(bad, now), bad).toEqual({ ok: false, error: "deadline.invalid" });
    }
  });
});
