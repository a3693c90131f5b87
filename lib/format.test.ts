import { describe, expect, it } from "vitest";
import { formatPhone, groupPaymentCode } from "@/lib/format";

describe("formatPhone", () => {
  it("groups mobile, IP and 020 numbers 3-4-4", () => {
    expect(formatPhone("08010001004")).toBe("080-1000-1004");
    expect(formatPhone("09012345678")).toBe("090-1234-5678");
    expect(formatPhone("07034567890")).toBe("070-3456-7890");
    expect(formatPhone("05012345678")).toBe("050-1234-5678");
  });

  it("groups toll-free and navi dial numbers", () => {
    expect(formatPhone("0120123456")).toBe("0120-123-456");
    expect(formatPhone("0570123456")).toBe("0570-123-456");
    expect(formatPhone("08001234567")).toBe("0800-123-4567");
  });

  it("groups landlines whose area code is certain", () => {
    expect(formatPhone("0312345678")).toBe("03-1234-5678");
    expect(formatPhone("0661234567")).toBe("06-6123-4567");
    expect(formatPhone("0452345678")).toBe("045-234-5678");
    expect(formatPhone("0529876543")).toBe("052-987-6543");
  });

  it("falls back to the digits when the split is not certain", () => {
    expect(formatPhone("0225123456")).toBe("0225123456"); // 022 Sendai or 0225 Ishinomaki
    expect(formatPhone("0422512345")).toBe("0422512345"); // 042 or 0422
    expect(formatPhone("0450123456")).toBe("0450123456"); // a local number never starts with 0
    expect(formatPhone("0801000100")).toBe("0801000100"); // a mobile number has 11 digits
    expect(formatPhone("012345678901")).toBe("012345678901");
  });

  it("leaves anything that is not digits alone", () => {
    expect(formatPhone("?")).toBe("?");
    expect(formatPhone("090-1234-5678")).toBe("090-1234-5678");
    expect(formatPhone("")).toBe("");
  });
});

describe("groupPaymentCode", () => {
  it("groups digits in fours from the left for reading aloud", () => {
    expect(groupPaymentCode("12345678901")).toBe("1234 5678 901");
    expect(groupPaymentCode("12345678")).toBe("1234 5678");
    expect(groupPaymentCode("123")).toBe("123");
  });
  it("leaves a code that is not all digits as Omise gave it", () => {
    expect(groupPaymentCode("AB-1234")).toBe("AB-1234");
  });
});
