// HTTP Basic auth for the simulated Omise API: the key is the username, the password is empty.
// The secret key opens every endpoint; the public key only POST /sources, as Omise.js and the
// SDKs' sources.create use it (omise-api.md §1.1, §1.2). Anything else is authentication_failure.
import { timingSafeEqual } from "node:crypto";
import { ApiError } from "./core.mjs";

export const DEFAULT_PUBLIC_KEY = "pkey_test_konbinidesksim";
const SECRET_KEY_RE = /^skey_(test_)?[0-9a-zA-Z_]+$/;
export const AUTH_ERROR = new ApiError(401, "authentication_failure", "authentication failed");

function keyFromRequest(req) {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? "");
  if (!m) return null;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

function same(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Throws AUTH_ERROR unless the request's key may call `method parts`.
 * @param {{ secretKey?: string, publicKey: string }} keys secretKey unset = any skey_(test_)… key
 */
export function authorize(req, method, parts, keys) {
  const key = keyFromRequest(req);
  if (!key) throw AUTH_ERROR;
  if (keys.secretKey ? same(key, keys.secretKey) : SECRET_KEY_RE.test(key)) return;
  const createsSource = method === "POST" && parts.length === 1 && parts[0] === "sources";
  if (createsSource && same(key, keys.publicKey)) return;
  throw AUTH_ERROR;
}
