import "server-only";
import { createHash, randomInt } from "node:crypto";
import { generate, generateSecret, generateURI, verify } from "otplib";

// TOTP as RFC 6238 and every authenticator app use it: SHA-1, 6 digits, 30 s steps,
// one step of drift either way. Pure functions with the clock passed in (unit tests).
export const TOTP_PERIOD_SECONDS = 30;
const OPTIONS = { algorithm: "sha1", digits: 6, period: TOTP_PERIOD_SECONDS } as const;
export const TOTP_ISSUER = "Konbini Desk";

/** 160 random bits (otplib draws them from a CSPRNG), Base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function otpauthUri(secret: string, accountName: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountName, secret, ...OPTIONS });
}

/** The code for a moment (tests and the demo's own checks). */
export function totpAt(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000), ...OPTIONS });
}

/** A 6-digit code as typed: spaces and hyphens ignored, full-width digits accepted. */
export function normalizeTotp(code: string): string | null {
  const digits = code.normalize("NFKC").replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The time step a code was accepted for, or null. Accepts the current step and one either
 * side; refuses any step at or before `lastStep` (a code is used once, ASVS 6.5.1).
 */
export async function verifyTotp(opts: { secret: string; code: string; nowMs: number; lastStep: number | null }): Promise<number | null> {
  const token = normalizeTotp(opts.code);
  if (!token) return null;
  const result = await verify({
    secret: opts.secret,
    token,
    epoch: Math.floor(opts.nowMs / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(opts.lastStep === null ? {} : { afterTimeStep: opts.lastStep }),
    ...OPTIONS,
  }).catch(() => null);
  if (!result?.valid || !("timeStep" in result)) return null;
  return result.timeStep;
}

// Recovery codes: 12 characters from a 32-letter alphabet without look-alikes (60 bits each),
// shown as XXXX-XXXX-XXXX. High entropy, so a plain SHA-256 is enough to store them.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/** Upper case, without spaces or hyphens: how a recovery code is compared. */
export function normalizeRecoveryCode(code: string): string | null {
  const c = code.normalize("NFKC").toUpperCase().replace(/[\s-]/g, "");
  return /^[A-Z0-9]{12}$/.test(c) ? c : null;
}

export function hashRecoveryCode(code: string): string | null {
  const c = normalizeRecoveryCode(code);
  return c && createHash("sha256").update(`konbini-desk-recovery:${c}`).digest("hex");
}
