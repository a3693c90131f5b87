import "server-only";
import { env } from "@/lib/env";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/**
 * The client's address: the first X-Forwarded-For entry only when TRUST_PROXY is set (a proxy
 * that overwrites it is in front); otherwise the socket address server.mjs puts in
 * x-kd-remote-addr, overwriting whatever the client sent under that name. Null when neither
 * is known (`next dev`, tests without a socket).
 */
export function clientIp(headers: HeaderSource): string | null {
  if (env().TRUST_PROXY) {
    const forwarded = read(headers, "x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  return read(headers, "x-kd-remote-addr")?.slice(0, 100) || null;
}

/** The host the request was addressed to: X-Forwarded-Host only when TRUST_PROXY is set. */
export function requestHost(headers: HeaderSource): string | null {
  const forwarded = env().TRUST_PROXY ? read(headers, "x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || read(headers, "host");
}
