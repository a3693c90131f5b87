import { hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";
import { processSingleton } from "@/lib/process-state";

// next-auth's own session-token codec (next-auth/jwt encode and decode: an encrypted JWT, "dir"
// with A256GCM, under a key derived from NEXTAUTH_SECRET with HKDF-SHA256), with the derived key
// kept instead of derived again on every call. next-auth derives it twice a page view (the proxy
// decodes, getServerSession decodes and encodes the slid expiry), and the derivation was about
// 4% of a page's server CPU (docs/performance.md). The tokens are byte-for-byte the same format:
// lib/auth/jwt-codec.test.ts decodes next-auth's tokens with this and this one's with next-auth's.

const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;
const CLOCK_TOLERANCE_SECONDS = 15;
// One per process (lib/process-state.ts): the proxy, the pages and the lean listener share it.
const keys = (): Map<string, Uint8Array> => processSingleton("sessionTokenKeys", () => new Map());

/** next-auth's getDerivedEncryptionKey, once per secret and salt. */
function encryptionKey(secret: string | Buffer, salt: string): Uint8Array {
  const id = `${salt}\u0000${typeof secret === "string" ? secret : secret.toString("hex")}`;
  let key = keys().get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    key = new Uint8Array(hkdfSync("sha256", secret, salt, info, 32));
    keys().set(id, key);
  }
  return key;
}

/** next-auth/jwt `encode`: the same claims, header, issued-at, expiry and a random jti. */
export async function encodeSessionToken(params: JWTEncodeParams): Promise<string> {
  const { token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt = "" } = params;
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(now)
    .setExpirationTime(now + maxAge)
    .setJti(randomUUID())
    .encrypt(encryptionKey(secret, salt));
}

/** next-auth/jwt `decode`: the claims, or a throw for a token that does not decrypt or has expired (15 s tolerance). */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt = "" } = params;
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, encryptionKey(secret, salt), { clockTolerance: CLOCK_TOLERANCE_SECONDS });
  return payload as JWT;
}
