import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHARGE_STATUSES, reduceStatus, type ChargeStatus } from "@/lib/charges/status";

// W6: whatever order and however often Omise's view of a charge arrives, the
// charge ends on the furthest status Omise reported and never returns to pending.
const status = fc.constantFrom<ChargeStatus>(...CHARGE_STATUSES);
const terminal = fc.constantFrom<ChargeStatus>("successful", "failed", "expired");

describe("status reducer properties", () => {
  it("a real lifecycle delivered in any order, with duplicates, ends on its final status", () => {
    const lifecycle = fc.tuple(terminal, fc.nat({ max: 5 }), fc.nat({ max: 5 }), fc.boolean()).chain(([final, pendings, dups, reversed]) => {
      const truth: ChargeStatus[] = ["pending", final, ...(reversed && final === "successful" ? (["reversed"] as const) : [])];
      const deliveries = [...truth, ...Array<ChargeStatus>(pendings).fill("pending"), ...Array<ChargeStatus>(dups).fill(final)];
      return fc.tuple(fc.constant(truth), fc.shuffledSubarray(deliveries, { minLength: deliveries.length }));
    });
    fc.assert(
      fc.property(lifecycle, ([truth, order]) => {
        expect(order.reduce(reduceStatus, "pending" as ChargeStatus)).toBe(truth.at(-1));
      }),
      { numRuns: 2000 },
    );
  });

  it("never moves from a terminal status back to pending, for any sequence", () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 30 }), (seq) => {
        let current: ChargeStatus = "pending";
        for (const next of seq) {
          const after = reduceStatus(current, next);
          if (current !== "pending") expect(after).not.toBe("pending");
          if (current !== "pending" && after !== current) expect([current, after]).toEqual(["successful", "reversed"]);
          current = after;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("is idempotent: applying the same status twice changes nothing more", () => {
    fc.assert(fc.property(status, status, (a, b) => reduceStatus(reduceStatus(a, b), b) === reduceStatus(a, b)), { numRuns: 1000 });
  });
});
