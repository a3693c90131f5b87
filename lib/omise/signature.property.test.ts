import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signPayload, verifyOmiseSignature } from "@/lib/omise/signature";

// W1: random bodies, secrets, timestamps and tampering.
const now = new Date("2026-11-27T10:00:00Z");
const nowS = now.getTime() / 1000;
const secret = fc.uint8Array({ minLength: 16, maxLength: 64 }).map((b) => Buffer.from(b).toString("base64"));
const body = fc.string({ maxLength: 500, unit: "binary" });

describe("signature properties", () => {
  it("accepts every correctly signed body within ±300 s", () => {
    fc.assert(
      fc.property(secret, body, fc.integer({ min: -300, max: 300 }), (s, b, skew) => {
        const ts = String(nowS + skew);
        return verifyOmiseSignature({ rawBody: b, signatureHeader: signPayload(b, ts, s), timestampHeader: ts, secretBase64: s, now }).ok;
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects any change to the body, the timestamp or the secret", () => {
    fc.assert(
      fc.property(secret, secret, body, body, fc.integer({ min: -300, max: 300 }), (s1, s2, b1, b2, skew) => {
        const ts = String(nowS);
        const sig = signPayload(b1, ts, s1);
        const check = (raw: string, t: string, key: string) =>
          verifyOmiseSignature({ rawBody: raw, signatureHeader: sig, timestampHeader: t, secretBase64: key, now }).ok;
        if (b1 !== b2) expect(check(b2, ts, s1)).toBe(false);
        if (skew !== 0) expect(check(b1, String(nowS + skew), s1)).toBe(false);
        if (Buffer.from(s1, "base64").compare(Buffer.from(s2, "base64")) !== 0) expect(check(b1, ts, s2)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects timestamps outside ±300 s even when correctly signed", () => {
    fc.assert(
      fc.property(secret, body, fc.integer({ min: 301, max: 10_000_000 }), fc.boolean(), (s, b, d, past) => {
        const ts = String(nowS + (past ? -d : d));
        const r = verifyOmiseSignature({ rawBody: b, signatureHeader: signPayload(b, ts, s), timestampHeader: ts, secretBase64: s, now });
        expect(r).toEqual({ ok: false, reason: "stale_timestamp" });
      }),
      { numRuns: 1000 },
    );
  });

  it("accepts when any one of several comma-separated signatures matches, and only then", () => {
    fc.assert(
      fc.property(secret, body, fc.array(fc.stringMatching(/^[0-9a-f]{64}$/), { maxLength: 3 }), fc.nat(), (s, b, others, pos) => {
        const ts = String(nowS);
        const good = signPayload(b, ts, s);
        const decoys = others.filter((o) => o !== good);
        const list = [...decoys];
        list.splice(pos % (decoys.length + 1), 0, good);
        const ok = (h: string) => verifyOmiseSignature({ rawBody: b, signatureHeader: h, timestampHeader: ts, secretBase64: s, now }).ok;
        expect(ok(list.join(","))).toBe(true);
        if (decoys.length) expect(ok(decoys.join(","))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
