import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPayload, verifyOmiseSignature } from "@/lib/omise/signature";

const secret = Buffer.from("a-webhook-secret-of-32-bytes-ok!").toString("base64");
const body = '{"object":"event","id":"evnt_test_1","key":"charge.complete"}';
const now = new Date("2026-11-27T10:00:00Z");
const ts = String(now.getTime() / 1000);

function check(signature: string | null, timestamp: string | null = ts, raw: string = body, at: Date = now) {
  return verifyOmiseSignature({ rawBody: raw, signatureHeader: signature, timestampHeader: timestamp, secretBase64: secret, now: at });
}

describe("verifyOmiseSignature", () => {
  const good = createHmac("sha256", Buffer.from(secret, "base64")).update(`${ts}.${body}`).digest("hex");

  it("accepts hex HMAC-SHA256 of '<ts>.<body>' keyed by the base64-decoded secret", () => {
    expect(signPayload(body, ts, secret)).toBe(good);
    expect(check(good)).toEqual({ ok: true });
    expect(check(good.toUpperCase())).toEqual({ ok: true });
  });

  it("accepts any one of several comma-separated signatures (secret rotation)", () => {
    expect(check(`${"0".repeat(64)}, ${good}`)).toEqual({ ok: true });
    expect(check(`${good},${"f".repeat(64)}`)).toEqual({ ok: true });
  });

  it("rejects a signature made with the secret's text instead of its decoded bytes", () => {
    const wrongKey = createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex");
    expect(check(wrongKey)).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects a tampered body, missing headers and malformed values", () => {
    expect(check(good, ts, body.replace("complete", "expire"))).toEqual({ ok: false, reason: "mismatch" });
    expect(check(null)).toEqual({ ok: false, reason: "missing_headers" });
    expect(check(good, null)).toEqual({ ok: false, reason: "missing_headers" });
    expect(check(good, "12abc")).toEqual({ ok: false, reason: "bad_timestamp" });
    expect(check("not-hex")).toEqual({ ok: false, reason: "mismatch" });
    expect(check(good.slice(0, 62))).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects timestamps more than 300 s away, either side", () => {
    const sign = (t: number) => signPayload(body, String(t), secret);
    const base = now.getTime() / 1000;
    expect(check(sign(base - 300), String(base - 300))).toEqual({ ok: true });
    expect(check(sign(base - 301), String(base - 301))).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(check(sign(base + 301), String(base + 301))).toEqual({ ok: false, reason: "stale_timestamp" });
  });
});
