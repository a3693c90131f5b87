import type { CookiesOptions } from "next-auth";

// S6: served over https, the session cookie is `__Host-next-auth.session-token`: Secure, Path=/,
// no Domain (the __Host- prefix makes the browser insist on all three), HttpOnly, SameSite=Lax.
// Over plain http (localhost, the demo) next-auth's defaults stay: a Secure or __Host- cookie
// would never be sent back there.
export const HOST_SESSION_COOKIE = "__Host-next-auth.session-token";
export const PLAIN_SESSION_COOKIE = "next-auth.session-token";

export const isHttps = (appUrl: string) => new URL(appUrl).protocol === "https:";

/** The session cookie's name for the app served at `appUrl` (proxy.ts's getToken needs it too). */
export function sessionCookieName(appUrl: string): string {
  return isHttps(appUrl) ? HOST_SESSION_COOKIE : PLAIN_SESSION_COOKIE;
}

/** next-auth's `cookies` option: only the session token is set, the rest keep their defaults. */
export function sessionCookieOptions(appUrl: string): Partial<CookiesOptions> | undefined {
  if (!isHttps(appUrl)) return undefined;
  return {
    sessionToken: {
      name: HOST_SESSION_COOKIE,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    },
  };
}
