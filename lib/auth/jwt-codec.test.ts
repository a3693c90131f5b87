import { describe, expect, it } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { decodeSessionToken, encodeSessionToken } from "./jwt-codec";

// The kept-key codec must read and write exactly next-auth's session tokens: a token either one
// wrote is read by the other, with the same claims, header and expiry rules.
const secret = "a-test-secret-that-is-long-enough-0123456789";
const claims = { sub: "user_1", sid: "sess_1", sv: 3, role: "admin" as const, name: "スズキ" };

describe("the session-token codec with a kept key", () => {
  it("reads next-auth's tokens, and next-auth reads its tokens", async () => {
    const theirs = await encode({ token: claims, secret, maxAge: 3600 });
    expect(await decodeSessionToken({ token: theirs, secret })).toMatchObject(claims);
    const ours = await encodeSessionToken({ token: claims, secret, maxAge: 3600 });
    const read = await decode({ token: ours, secret });
    expect(read).toMatchObject(claims);
    expect(typeof read?.jti).toBe("string");
    expect(read?.exp).toBe((read?.iat as number) + 3600);
    // Again, now that the key is kept: the same answers.
    expect(await decodeSessionToken({ token: ours, secret })).toMatchObject(claims);
    expect(await decodeSessionToken({ token: theirs, secret })).toMatchObject(claims);
  });

  it("writes the same header as next-auth", async () => {
    const ours = await encodeSessionToken({ token: claims, secret });
    const theirs = await encode({ token: claims, secret });
    expect(decodeProtectedHeader(ours)).toEqual(decodeProtectedHeader(theirs));
    expect(() => decodeJwt(ours)).toThrow(); // encrypted, not readable without the key
  });

  it("refuses a token under another secret or salt, a tampered one and an expired one", async () => {
    const ours = await encodeSessionToken({ token: claims, secret, maxAge: 3600 });
    await expect(decodeSessionToken({ token: ours, secret: `${secret}-other` })).rejects.toThrow();
    await expect(decodeSessionToken({ token: ours, secret, salt: "authjs.session-token" })).rejects.toThrow();
    const parts = ours.split(".");
    const tampered = [...parts.slice(0, 3), `${parts[3]?.[0] === "A" ? "B" : "A"}${parts[3]?.slice(1)}`, parts[4]].join(".");
    await expect(decodeSessionToken({ token: tampered, secret })).rejects.toThrow();
    // Past its expiry by more than next-auth's 15 s tolerance: refused by both.
    const expired = await encode({ token: claims, secret, maxAge: -20 });
    await expect(decode({ token: expired, secret })).rejects.toThrow();
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow();
    // Within the tolerance: read by both.
    const justExpired = await encode({ token: claims, secret, maxAge: -5 });
    expect(await decodeSessionToken({ token: justExpired, secret })).toMatchObject(claims);
  });

  it("reads nothing from no token", async () => {
    expect(await decodeSessionToken({ token: "", secret })).toBeNull();
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });
});
