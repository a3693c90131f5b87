import "server-only";
import { decodeSessionToken } from "@/lib/auth/jwt-codec";
import { sessionCookieName } from "@/lib/auth/cookies";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-state";

// The session claims of a request read straight from its Cookie header, for the lean listener
// (lib/http/read-api.ts), which has no Next request scope for getServerSession. The same steps
// next-auth takes for getServerSession with the app's options (lib/auth/options.ts): Next's
// cookie parsing, the one cookie name the app sets (`__Host-…` over https: lib/auth/cookies.ts)
// joined from its chunks as next-auth's SessionStore joins them, next-auth's token format (lib/auth/jwt-codec.ts) with
// NEXTAUTH_SECRET, and the session callback's mapping (`id` is the token's `sub`).

/** Next's request-cookie parsing (next/dist/compiled/@edge-runtime/cookies `parseCookie`); the last of a repeated name wins. */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of (header ?? "").split(/; */)) {
    if (!pair) continue;
    const splitAt = pair.indexOf("=");
    if (splitAt === -1) {
      map.set(pair, "true");
      continue;
    }
    try {
      map.set(pair.slice(0, splitAt), decodeURIComponent(pair.slice(splitAt + 1)));
    } catch {
      // A value that is not valid percent-encoding is skipped, as Next skips it.
    }
  }
  return map;
}

/** next-auth's SessionStore.value: every cookie whose name starts with `name`, in chunk order, joined. */
export function sessionTokenOf(cookies: Map<string, string>, name: string): string {
  const chunks = [...cookies].filter(([k]) => k.startsWith(name));
  const suffix = (k: string) => parseInt(k.split(".").pop() ?? "0");
  return chunks
    .sort(([a], [b]) => suffix(a) - suffix(b))
    .map(([, v]) => v)
    .join("");
}

export type SessionClaims = { id: string; sid: string; sv: number };

/**
 * The signed-in claims of a request's cookies, or null (no cookie, a token that does not decrypt
 * with NEXTAUTH_SECRET or has expired, or one without a user or session id). Says nothing about
 * whether the session is still live: that is the database's (lib/auth/sessions.ts).
 */
export async function sessionClaimsOf(cookieHeader: string | undefined): Promise<SessionClaims | null> {
  const { NEXTAUTH_URL, NEXTAUTH_SECRET } = env();
  const token = sessionTokenOf(parseCookieHeader(cookieHeader), sessionCookieName(NEXTAUTH_URL));
  if (!token) return null;
  const key = `${NEXTAUTH_SECRET}\u0000${token}`;
  const cache = decodedTokens();
  const known = cache.get(key);
  if (known) {
    if (withinTimes(known, Math.floor(Date.now() / 1000))) return known.claims;
    cache.delete(key);
    return null;
  }
  const payload = await decodeSessionToken({ token, secret: NEXTAUTH_SECRET }).catch(() => null);
  const claims = payload as { sub?: string; sid?: string; sv?: number; exp?: number; nbf?: number } | null;
  if (!claims?.sub || !claims.sid) return null;
  const out = { id: claims.sub, sid: claims.sid, sv: claims.sv ?? -1 };
  if (cache.size >= DECODED_TOKENS_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, { claims: out, exp: claims.exp, nbf: claims.nbf });
  return out;
}

// A token's decryption (a pure function of the token and the secret) is remembered for the next
// request that sends it, with its times checked again on every use exactly as jose checks them
// at decryption (lib/auth/jwt-codec.ts: 15 s of tolerance): decrypting was about 5% of the list
// API's CPU per request. Only tokens that decrypted to a session are kept, at most
// DECODED_TOKENS_MAX (the oldest go first), so a flood of garbage tokens keeps nothing. What the
// session is now (revoked, signed out, idle, its user disabled) is still read on every request.
export const DECODED_TOKENS_MAX = 2000;
const TOLERANCE_SECONDS = 15;
type Decoded = { claims: SessionClaims; exp?: number; nbf?: number };
const decodedTokens = (): Map<string, Decoded> => processSingleton("sessionClaims", () => new Map());
const withinTimes = (d: Decoded, now: number): boolean =>
  (typeof d.exp !== "number" || d.exp > now - TOLERANCE_SECONDS) && (typeof d.nbf !== "number" || d.nbf <= now + TOLERANCE_SECONDS);
