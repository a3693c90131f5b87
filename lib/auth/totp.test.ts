import { describe, expect, it } from "vitest";
import { generate } from "otplib";
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, otpauthUri, totpAt, verifyTotp } from "@/lib/auth/totp";

// A fixed clock: the middle of a 30 s step, so ±1 step is exactly ±30 s.
const T0 = Date.UTC(2026, 11, 1, 3, 0, 15);
const STEP = Math.floor(T0 / 30_000);

describe("TOTP verify", () => {
  const secret = newTotpSecret();

  it("makes 160-bit secrets and an otpauth URI with SHA1, 6 digits, 30 s", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(otpauthUri(secret, "taro@example.jp"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Konbini Desk");
    expect(uri.searchParams.get("period") ?? "30").toBe("30");
    expect(uri.searchParams.get("digits") ?? "6").toBe("6");
    expect((uri.searchParams.get("algorithm") ?? "SHA1").toUpperCase()).toBe("SHA1");
  });

  it("accepts the current step and one step either side, and says which step", async () => {
    for (const offset of [-1, 0, 1]) {
      const code = await totpAt(secret, T0 + offset * 30_000);
      expect(await verifyTotp({ secret, code, nowMs: T0, lastStep: null })).toBe(STEP + offset);
    }
  });

  it("refuses codes two steps away", async () => {
    for (const offset of [-2, 2]) {
      const code = await totpAt(secret, T0 + offset * 30_000);
      expect(await verifyTotp({ secret, code, nowMs: T0, lastStep: null })).toBeNull();
    }
  });

  it("refuses the same step twice, and any step before the last one accepted", async () => {
    const code = await totpAt(secret, T0);
    const step = await verifyTotp({ secret, code, nowMs: T0, lastStep: null });
    expect(step).toBe(STEP);
    expect(await verifyTotp({ secret, code, nowMs: T0, lastStep: step })).toBeNull();
    // The previous step's code is still inside the window, but older than what was used.
    expect(await verifyTotp({ secret, code: await totpAt(secret, T0 - 30_000), nowMs: T0, lastStep: step })).toBeNull();
    // The next step's code is new.
    expect(await verifyTotp({ secret, code: await totpAt(secret, T0 + 30_000), nowMs: T0 + 30_000, lastStep: step })).toBe(STEP + 1);
  });

  it("matches an independent otplib generation and ignores spaces and full-width digits", async () => {
    const code = await generate({ secret, epoch: Math.floor(T0 / 1000) });
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    const wide = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(await verifyTotp({ secret, code: spaced, nowMs: T0, lastStep: null })).toBe(STEP);
    expect(await verifyTotp({ secret, code: wide, nowMs: T0, lastStep: null })).toBe(STEP);
    expect(await verifyTotp({ secret, code: "12345", nowMs: T0, lastStep: null })).toBeNull();
    expect(await verifyTotp({ secret: newTotpSecret(), code, nowMs: T0, lastStep: null })).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are ten distinct high-entropy codes, hashed the same whatever the spacing or case", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const c = codes[0]!;
    expect(hashRecoveryCode(c.toLowerCase().replace(/-/g, " "))).toBe(hashRecoveryCode(c));
    expect(hashRecoveryCode(c)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(codes[1]!)).not.toBe(hashRecoveryCode(c));
    expect(normalizeRecoveryCode("123456")).toBeNull();
  });
});
