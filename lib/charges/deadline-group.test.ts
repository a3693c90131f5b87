import { describe, expect, it } from "vitest";
import { fromJst } from "@/lib/time/jst";
import { deadlineGroup } from "@/lib/charges/deadline-group";

describe("deadlineGroup", () => {
  // 2026-12-01 23:30 JST = 14:30 UTC: late in the JST day, already "tomorrow" nowhere in UTC terms.
  const now = fromJst(2026, 12, 1, 23, 30);

  it("puts a passed deadline first, even one from today", () => {
    expect(deadlineGroup(fromJst(2026, 12, 1, 23, 0), now)).toBe("overdue");
    expect(deadlineGroup(now, now)).toBe("overdue");
    expect(deadlineGroup(fromJst(2026, 11, 20, 23, 59), now)).toBe("overdue");
  });

  it("counts calendar days in JST, not 24-hour spans or UTC days", () => {
    expect(deadlineGroup(fromJst(2026, 12, 1, 23, 59), now)).toBe("today");
    // 30 minutes away, but past JST midnight: tomorrow.
    expect(deadlineGroup(fromJst(2026, 12, 2, 0, 0), now)).toBe("tomorrow");
    expect(deadlineGroup(fromJst(2026, 12, 2, 23, 59), now)).toBe("tomorrow");
    expect(deadlineGroup(fromJst(2026, 12, 3, 0, 0), now)).toBe("week");
    expect(deadlineGroup(fromJst(2026, 12, 7, 23, 59), now)).toBe("week");
    expect(deadlineGroup(fromJst(2026, 12, 8, 0, 0), now)).toBe("later");
  });

  it("puts a charge without a deadline last", () => {
    expect(deadlineGroup(null, now)).toBe("later");
  });
});
