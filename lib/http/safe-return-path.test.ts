import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return-path";

describe("safeReturnPath", () => {
  it.each([
    "/",
    "/charges",
    "/charges?status=pending",
    "/charges/chrg_test_1/handover#code",
    "/charges?q=%E3%82%A2",
  ])("keeps the same-origin path %s", (from) => {
    expect(safeReturnPath(from)).toBe(from);
  });

  it.each([
    "//evil.example",
    "//evil.example/charges",
    "/\\evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%2Fevil.example",
    "/%2fevil.example",
    "%2F%2Fevil.example",
    "/%252F%252Fevil.example".replace("%25", "%"), // /%2F%252Fevil.example: once-decoded starts with //
    "\\\\evil.example",
    "https://evil.example",
    "http://evil.example/charges",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/\tjavascript:alert(1)",
    "/\n/evil.example",
    "/\t/evil.example",
    " /charges",
    "evil.example",
    "data:text/html,<script>alert(1)</script>",
    "",
  ])("refuses %j", (from) => {
    expect(safeReturnPath(from)).toBe("/");
  });

  it("answers the fallback for a missing or oversized value", () => {
    expect(safeReturnPath(undefined)).toBe("/");
    expect(safeReturnPath(null, "/charges")).toBe("/charges");
    expect(safeReturnPath("/" + "a".repeat(3000))).toBe("/");
  });

  it("never yields anything a browser resolves to another origin (fuzz over prefixes)", () => {
    const parts = ["/", "\\", "%5C", "%2F", "%09", "evil.example", "@", ":", "%00", "//", "http:", "."];
    for (const a of parts) for (const b of parts) for (const c of parts) {
      const out = safeReturnPath(a + b + c);
      expect(new URL(out, "https://app.example").origin, a + b + c).toBe("https://app.example");
      expect(out.startsWith("/") && !out.startsWith("//") && !out.includes("\\")).toBe(true);
    }
  });
});
