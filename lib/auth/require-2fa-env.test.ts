import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const base = {
  NEXTAUTH_SECRET: "x".repeat(40),
  OMISE_SECRET_KEY: "skey_test_abc",
  OMISE_WEBHOOK_SECRET: Buffer.from("0123456789abcdef0123").toString("base64"),
};

describe("REQUIRE_2FA", () => {
  it("defaults to true: two-factor sign-in is mandatory unless turned off", () => {
    expect(parseEnv(base).REQUIRE_2FA).toBe(true);
    expect(parseEnv({ ...base, REQUIRE_2FA: "" }).REQUIRE_2FA).toBe(true);
  });
  it("reads true/false and 1/0, and names the variable for anything else", () => {
    expect(parseEnv({ ...base, REQUIRE_2FA: "false" }).REQUIRE_2FA).toBe(false);
    expect(parseEnv({ ...base, REQUIRE_2FA: "0" }).REQUIRE_2FA).toBe(false);
    expect(parseEnv({ ...base, REQUIRE_2FA: "1" }).REQUIRE_2FA).toBe(true);
    expect(() => parseEnv({ ...base, REQUIRE_2FA: "no" })).toThrow(/REQUIRE_2FA: must be true or false/);
  });
});
