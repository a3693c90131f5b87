import { describe, expect, it } from "vitest";
import { createChargeSchema, normalizePhone } from "@/lib/charges/validation";
import { issuesToFields } from "@/lib/errors";

const valid = { amount: 3000, customerName: "ヤマダタロウ", customerEmail: "taro@example.jp", customerPhone: "090-1234-5678" };

function fieldsOf(input: object) {
  const r = createChargeSchema.safeParse(input);
  return r.success ? {} : issuesToFields(r.error);
}

describe("createChargeSchema", () => {
  it("accepts a valid phone order and normalises the phone", () => {
    const r = createChargeSchema.parse(valid);
    expect(r.customerPhone).toBe("09012345678");
    expect(normalizePhone("０９０ １２３４ ５６７８")).toBe("09012345678");
  });

  it("bounds the amount to whole yen 150–49,999", () => {
    expect(fieldsOf({ ...valid, amount: 149 })).toEqual({ amount: ["v.amount.range"] });
    expect(fieldsOf({ ...valid, amount: 150 })).toEqual({});
    expect(fieldsOf({ ...valid, amount: 49_999 })).toEqual({});
    expect(fieldsOf({ ...valid, amount: 50_000 })).toEqual({ amount: ["v.amount.range"] });
    expect(fieldsOf({ ...valid, amount: 1000.5 })).toEqual({ amount: ["v.amount.integer"] });
    expect(fieldsOf({ ...valid, amount: "1000" })).toEqual({ amount: ["v.amount.integer"] });
  });

  it("limits the name to 10 characters, counting kana as one each", () => {
    expect(fieldsOf({ ...valid, customerName: "アイウエオカキクケコ" })).toEqual({});
    expect(fieldsOf({ ...valid, customerName: "アイウエオカキクケコサ" })).toEqual({ customerName: ["v.name.tooLong"] });
    expect(fieldsOf({ ...valid, customerName: "  " })).toEqual({ customerName: ["v.name.required"] });
  });

  it("requires a valid email and a 10–11 digit phone", () => {
    expect(fieldsOf({ ...valid, customerEmail: "taro@" })).toEqual({ customerEmail: ["v.email.invalid"] });
    expect(fieldsOf({ ...valid, customerPhone: "090-1234-567" })).toEqual({});
    expect(fieldsOf({ ...valid, customerPhone: "090-1234" })).toEqual({ customerPhone: ["v.phone.invalid"] });
    expect(fieldsOf({ ...valid, customerPhone: "+81 90 1234 5678" })).toEqual({ customerPhone: ["v.phone.invalid"] });
  });

  it("reports every missing field at once", () => {
    expect(Object.keys(fieldsOf({})).sort()).toEqual(["amount", "customerEmail", "customerName", "customerPhone"]);
  });
});
