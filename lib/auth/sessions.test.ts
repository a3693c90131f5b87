import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/db", () => ({ getDb: () => Promise.reject(new Error("no database in unit tests")) }));
const { sessionEndReason, touchedLastSeen } = await import("./sessions");

const MIN = 60_000;
const HOUR = 60 * MIN;
const limits = { idleMs: 15 * MIN, maxMs: 8 * HOUR };
const start = new Date("2026-12-01T00:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const fresh = () => ({ lastSeenAt: start, expiresAt: at(limits.maxMs), revokedAt: null as Date | null });

/** A request at `now`, as checkAuthSession handles it: the verdict, then the (throttled) touch. */
function request(row: ReturnType<typeof fresh>, now: Date) {
  const ended = sessionEndReason(row, now, limits);
  if (!ended) row.lastSeenAt = touchedLastSeen(row, now) ?? row.lastSeenAt;
  return ended;
}

describe("session limits with a fake clock (S4)", () => {
  it("idle: live at 14:59 without a request, ended at 15:00", () => {
    expect(sessionEndReason(fresh(), at(15 * MIN - 1000), limits)).toBeNull();
    expect(sessionEndReason(fresh(), at(15 * MIN), limits)).toBe("idle");
    expect(sessionEndReason(fresh(), at(3 * HOUR), limits)).toBe("idle");
  });

  it("active use keeps it alive up to the 8-hour absolute limit, and not a second longer", () => {
    const row = fresh();
    // A request every 14 minutes (each within the idle limit of the last) for 8 hours.
    for (let t = 14 * MIN; t < 8 * HOUR; t += 14 * MIN) expect(request(row, at(t))).toBeNull();
    expect(request(row, at(8 * HOUR - 1000))).toBeNull();
    expect(request(row, at(8 * HOUR))).toBe("expired");
  });

  it("lastSeenAt is written at most once a minute, so the idle clock may start up to a minute early, never late", () => {
    const row = fresh();
    expect(request(row, at(30_000))).toBeNull();
    expect(row.lastSeenAt).toEqual(start); // not written: 30 s since the last write
    expect(request(row, at(MIN))).toBeNull();
    expect(row.lastSeenAt).toEqual(at(MIN));
    expect(request(row, at(MIN + 15 * MIN))).toBe("idle");
  });

  it("revoked and unknown sessions are ended whatever the clock", () => {
    expect(sessionEndReason({ ...fresh(), revokedAt: start }, at(1000), limits)).toBe("revoked");
    expect(sessionEndReason(null, at(1000), limits)).toBe("unknown");
  });
});
