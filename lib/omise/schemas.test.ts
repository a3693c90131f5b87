import { describe, expect, it } from "vitest";
import { deriveChargeStatus, omiseChargeSchema, omiseEventSchema, omiseListSchema } from "@/lib/omise/schemas";

const base = { object: "charge", id: "chrg_test_1", amount: 1000, currency: "JPY" };
const list = (data: unknown[]) => ({ object: "list", offset: 0, limit: 20, total: data.length, data });

describe("omiseChargeSchema: status", () => {
  it("keeps a status Omise sent", () => {
    expect(omiseChargeSchema.parse({ ...base, status: "expired", paid: true }).status).toBe("expired");
  });

  it("derives it from the flags when an older API version leaves it out", () => {
    const s = (over: object) => omiseChargeSchema.parse({ ...base, ...over }).status;
    expect(s({ paid: true })).toBe("successful");
    expect(s({ captured: true })).toBe("successful"); // before 2019-05-29 `paid` was `captured`
    expect(s({ reversed: true })).toBe("reversed");
    expect(s({ expired: true, failure_code: null })).toBe("expired");
    expect(s({ failure_code: "payment_cancelled" })).toBe("failed");
    expect(s({ authorized: false, paid: false, expired: false })).toBe("pending");
    expect(s({})).toBe("pending");
  });

  it("puts a payment before an expiry or a failure code", () => {
    expect(deriveChargeStatus({ paid: true, expired: true, failure_code: "x" })).toBe("successful");
    expect(deriveChargeStatus({ expired: true, failure_code: "x" })).toBe("expired");
  });
});

describe("omiseChargeSchema: deadline", () => {
  it("takes the deadline from source.references.expires_at, which an early expiry leaves alone", () => {
    const c = omiseChargeSchema.parse({
      ...base, status: "expired", expires_at: "2026-12-01T03:00:00Z", expired_at: "2026-12-01T03:00:00Z",
      source: { object: "source", references: { expires_at: "2026-12-08T14:59:00Z", payment_code: "12345678901" } },
    });
    expect(c.deadline).toBe("2026-12-08T14:59:00Z");
    expect(c.expires_at).toBe("2026-12-01T03:00:00Z"); // Omise's field itself is kept as sent
  });

  it("falls back to expires_at when the source has no references", () => {
    expect(omiseChargeSchema.parse({ ...base, status: "pending", expires_at: "2026-12-08T14:59:00Z", source: { references: null } }).deadline)
      .toBe("2026-12-08T14:59:00Z");
    expect(omiseChargeSchema.parse({ ...base, status: "pending", expires_at: "2026-12-08T14:59:00Z" }).deadline).toBe("2026-12-08T14:59:00Z");
    expect(omiseChargeSchema.parse({ ...base, status: "pending" }).deadline).toBeNull();
  });
});

describe("omiseListSchema", () => {
  it("skips an unreadable item and keeps the rest of the page", () => {
    const parsed = omiseListSchema(omiseChargeSchema).parse(
      list([{ ...base, id: "chrg_a", status: "pending" }, { object: "charge", id: "chrg_b" }, { ...base, id: "chrg_c", paid: true }, 42]),
    );
    expect(parsed.data.map((c) => [c.id, c.status])).toEqual([["chrg_a", "pending"], ["chrg_c", "successful"]]);
    expect(parsed.skipped.map((s) => [s.index, s.id])).toEqual([[1, "chrg_b"], [3, null]]);
    expect(parsed.skipped[0]?.problem).toMatch(/amount/);
    expect(parsed.skipped[0]?.raw).toEqual({ object: "charge", id: "chrg_b" });
    expect(parsed.total).toBe(4);
  });

  it("works for events too, and still rejects a body that is not a list", () => {
    const events = omiseListSchema(omiseEventSchema).parse(list([{ object: "event", id: "evnt_1", key: "charge.create" }, { object: "event", id: "evnt_2" }]));
    expect(events.data.map((e) => e.id)).toEqual(["evnt_1"]);
    expect(events.skipped.map((s) => s.id)).toEqual(["evnt_2"]);
    expect(omiseListSchema(omiseEventSchema).safeParse({ object: "list", data: "nope" }).success).toBe(false);
    expect(omiseListSchema(omiseEventSchema).safeParse({ ...list([]), object: "charge" }).success).toBe(false);
  });
});
