import { createHmac, timingSafeEqual } from "node:crypto";

// Omise webhook signature (omise-api.md §5.3): hex HMAC-SHA256 over
// "<timestamp>.<raw body>" keyed with the base64-decoded secret. During a
// secret rotation the header carries several comma-separated signatures.

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: "missing_headers" | "bad_timestamp" | "stale_timestamp" | "mismatch" };

export function signPayload(rawBody: string | Buffer, timestamp: string, secretBase64: string): string {
  return createHmac("sha256", Buffer.from(secretBase64, "base64"))
    .update(`${timestamp}.`)
    .update(rawBody)
    .digest("hex");
}

export function verifyOmiseSignature(opts: {
  rawBody: string | Buffer;
  signatureHeader: string | null;
  timestampHeader: string | null;
  secretBase64: string;
  now: Date;
}): SignatureCheck {
  const { signatureHeader, timestampHeader } = opts;
  if (!signatureHeader || !timestampHeader) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(timestampHeader.trim())) return { ok: false, reason: "bad_timestamp" };
  const ts = Number(timestampHeader.trim());
  if (Math.abs(opts.now.getTime() / 1000 - ts) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: "stale_timestamp" };
  }
  const expected = Buffer.from(signPayload(opts.rawBody, timestampHeader.trim(), opts.secretBase64), "hex");
  for (const candidate of signatureHeader.split(",")) {
    const hex = candidate.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hex)) continue;
    const given = Buffer.from(hex, "hex");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: "mismatch" };
}
