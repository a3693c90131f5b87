import { describe, expect, it } from "vitest";
import { DAY_MS, JST_OFFSET_MS, fromJst, jstWallClock, nextDaytimeJst, startOfJstDay, startOfJstMonth } from "@/lib/time/jst";

describe("JST", () => {
  it("is UTC+09:00 and a day is 24 hours", () => {
    expect(JST_OFFSET_MS).toBe(9 * 3_600_000);
    expect(DAY_MS).toBe(86_400_000);
    expect(jstWallClock(new Date("2026-12-31T15:00:00Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(fromJst(2026, 12, 10, 23, 59).toISOString()).toBe("2026-12-10T14:59:00.000Z");
  });

  it("starts the day and the month at JST midnight, not UTC midnight", () => {
    // 00:30 JST on 1 Dec is still 30 Nov in UTC.
    const justAfterMidnight = new Date("2026-11-30T15:30:00Z");
    expect(startOfJstDay(justAfterMidnight).toISOString()).toBe("2026-11-30T15:00:00.000Z");
    expect(startOfJstMonth(justAfterMidnight).toISOString()).toBe("2026-11-30T15:00:00.000Z");
    // 08:59 JST on 1 Jan: the JST month and year already changed.
    expect(startOfJstMonth(new Date("2026-12-31T23:59:00Z")).toISOString()).toBe("2026-12-31T15:00:00.000Z");
    expect(startOfJstDay(new Date("2026-12-10T14:59:59Z")).toISOString()).toBe("2026-12-09T15:00:00.000Z");
  });
});

describe("nextDaytimeJst", () => {
  it("keeps a daytime instant and moves night ones to the next 09:00 JST", () => {
    expect(nextDaytimeJst(fromJst(2026, 12, 10, 9, 0)).toISOString()).toBe("2026-12-10T00:00:00.000Z");
    expect(nextDaytimeJst(fromJst(2026, 12, 10, 19, 59, 59)).toISOString()).toBe(fromJst(2026, 12, 10, 19, 59, 59).toISOString());
    expect(nextDaytimeJst(fromJst(2026, 12, 10, 20, 0)).toISOString()).toBe(fromJst(2026, 12, 11, 9, 0).toISOString());
    expect(nextDaytimeJst(fromJst(2026, 12, 10, 23, 30)).toISOString()).toBe(fromJst(2026, 12, 11, 9, 0).toISOString());
    expect(nextDaytimeJst(fromJst(2026, 12, 10, 3, 0)).toISOString()).toBe(fromJst(2026, 12, 10, 9, 0).toISOString());
    expect(nextDaytimeJst(fromJst(2026, 12, 31, 21, 0)).toISOString()).toBe(fromJst(2027, 1, 1, 9, 0).toISOString());
  });
});
