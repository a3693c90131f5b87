import { describe, expect, it } from "vitest";
import { adminPasswordProblem } from "./ensure-admin";

describe("ADMIN_PASSWORD at start (S2)", () => {
  it("refuses a listed password with a message naming the variable", () => {
    expect(adminPasswordProblem("password1234")).toMatch(/^ADMIN_PASSWORD: is in the list of common or breached passwords/);
    expect(adminPasswordProblem("x".repeat(129))).toMatch(/^ADMIN_PASSWORD: must be at most 128 characters/);
  });

  it("accepts what the demo and the test servers use", () => {
    // scripts/demo.mjs: `demo-${randomBytes(6).toString("hex")}`
    expect(adminPasswordProblem("demo-3f9a0c1be27d")).toBeNull();
    expect(adminPasswordProblem("e2e-admin-password")).toBeNull();
    expect(adminPasswordProblem("bench-admin-password")).toBeNull();
  });
});
