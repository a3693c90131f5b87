import { describe, expect, it } from "vitest";
import { CHARGE_STATUSES, canTransition, reduceStatus, type ChargeStatus } from "@/lib/charges/status";

describe("status reducer", () => {
  it("moves pending to any terminal status", () => {
    for (const s of ["successful", "failed", "expired", "reversed"] as const) expect(reduceStatus("pending", s)).toBe(s);
  });

  it("never moves a terminal status back to pending or to another terminal status", () => {
    for (const from of ["successful", "failed", "expired", "reversed"] as const) {
      expect(reduceStatus(from, "pending")).toBe(from);
      for (const to of ["successful", "failed", "expired"] as const) if (to !== from) expect(reduceStatus(from, to)).toBe(from);
    }
  });

  it("lets only a paid charge become reversed", () => {
    expect(canTransition("successful", "reversed")).toBe(true);
    expect(canTransition("expired", "reversed")).toBe(false);
    expect(canTransition("failed", "reversed")).toBe(false);
  });

  it("ends on the same status whatever order the events arrive in", () => {
    const events: ChargeStatus[] = ["pending", "successful", "pending", "successful", "pending"];
    const perms = (xs: ChargeStatus[]): ChargeStatus[][] =>
      xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    for (const order of perms(events)) expect(order.reduce(reduceStatus, "pending" as ChargeStatus)).toBe("successful");
    expect(CHARGE_STATUSES).toHaveLength(5);
  });
});
