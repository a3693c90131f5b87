import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const base = {
  NEXTAUTH_SECRET: "x".repeat(32),
  OMISE_SECRET_KEY: "skey_test_abc",
  OMISE_WEBHOOK_SECRET: Buffer.alloc(16, 1).toString("base64"),
};

describe("SESSION_IDLE_MINUTES / SESSION_MAX_HOURS (S4)", () => {
  it("default to 15 minutes and 8 hours", () => {
    const e = parseEnv(base);
    expect([e.SESSION_IDLE_MINUTES, e.SESSION_MAX_HOURS]).toEqual([15, 8]);
  });

  it("accept shorter limits", () => {
    const e = parseEnv({ ...base, SESSION_IDLE_MINUTES: "5", SESSION_MAX_HOURS: "1" });
    expect([e.SESSION_IDLE_MINUTES, e.SESSION_MAX_HOURS]).toEqual([5, 1]);
  });

  it("refuse longer ones, naming the variable and the ceiling", () => {
    expect(() => parseEnv({ ...base, SESSION_IDLE_MINUTES: "16" })).toThrow(/SESSION_IDLE_MINUTES: must be at most 15 minutes/);
    expect(() => parseEnv({ ...base, SESSION_MAX_HOURS: "9" })).toThrow(/SESSION_MAX_HOURS: must be at most 8 hours/);
    expect(() => parseEnv({ ...base, SESSION_MAX_HOURS: "0" })).toThrow(/SESSION_MAX_HOURS: must be at least 1 hour/);
    expect(() => parseEnv({ ...base, SESSION_IDLE_MINUTES: "ten" })).toThrow(/SESSION_IDLE_MINUTES: must be a whole number/);
  });
});
