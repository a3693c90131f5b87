import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { backoffMs } from "@/lib/messages/sender";

const base = { NEXTAUTH_SECRET: "x".repeat(32), OMISE_SECRET_KEY: "skey_test_abc", OMISE_WEBHOOK_SECRET: Buffer.from("0123456789abcdef").toString("base64") };

describe("backoff", () => {
  it("30 s, doubling, capped at 1 h", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(3_600_000);
  });
});

describe("mail environment", () => {
  it("SMTP_URL needs MAIL_FROM, and must be smtp:// or smtps://", () => {
    expect(() => parseEnv({ ...base, SMTP_URL: "smtp://mail.example.jp:587" })).toThrow(/MAIL_FROM: is required when SMTP_URL is set/);
    expect(() => parseEnv({ ...base, SMTP_URL: "http://mail.example.jp", MAIL_FROM: "shop@example.jp" })).toThrow(/SMTP_URL: must be an smtp:\/\//);
    expect(() => parseEnv({ ...base, SMTP_URL: "smtps://u:p@mail.example.jp", MAIL_FROM: "not-an-address" })).toThrow(/MAIL_FROM/);
    expect(parseEnv({ ...base, SMTP_URL: "smtps://u:p@mail.example.jp", MAIL_FROM: "shop@example.jp" }).MERCHANT_NAME).toBe("Konbini Desk デモ店");
    expect(parseEnv({ ...base, SMTP_URL: "" }).SMTP_URL).toBeUndefined();
  });
});
