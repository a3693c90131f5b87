import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { percentileDisc } from "@/lib/analytics/percentile";

// The reference: sort every value and take the ceil(p × n)-th, as percentile_disc does.
const naive = (values: number[], p: number) => {
  if (values.length === 0) return null;
  const s = values.toSorted((a, b) => a - b);
  return s[Math.max(1, Math.ceil(p * s.length)) - 1]!;
};

describe("percentileDisc", () => {
  it("is null for no values and the value itself for one", () => {
    expect(percentileDisc([], 0.5)).toBeNull();
    expect(percentileDisc([{ value: 7, count: 0 }], 0.5)).toBeNull();
    expect(percentileDisc([{ value: 7, count: 1 }], 0.9)).toBe(7);
  });

  it("takes the lower middle for an even count, like percentile_disc", () => {
    expect(percentileDisc([{ value: 1, count: 1 }, { value: 3, count: 1 }], 0.5)).toBe(1);
    expect(percentileDisc([{ value: 3, count: 5 }, { value: 1, count: 5 }], 0.9)).toBe(3);
  });

  it("equals the sorted-list definition for any histogram", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ value: fc.integer({ min: 0, max: 50 }), count: fc.integer({ min: 0, max: 6 }) }), { maxLength: 12 }), fc.constantFrom(0.5, 0.9), (bins, p) => {
        const values = bins.flatMap((b) => Array.from({ length: b.count }, () => b.value));
        expect(percentileDisc(bins, p)).toBe(naive(values, p));
      }),
    );
  });
});
