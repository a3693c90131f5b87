import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { decodeSessionToken } from "@/lib/auth/jwt-codec";
import { sessionCookieName } from "@/lib/auth/cookies";
import { env } from "@/lib/env";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { contentSecurityPolicy, newNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

// Two jobs, on every page (not /api, not static files):
// 1. Security headers (S8): a per-request nonce CSP — passed to Next in the request's own
//    Content-Security-Policy header, which is where Next looks for the nonce it puts on its
//    scripts — HSTS when served over https, and Cache-Control: no-store when signed in.
// 2. Anonymous visitors to the dashboard go to /login. Only a redirect: every page and route
//    handler still checks the session itself (CVE-2025-29927).
const SIGNED_IN_ONLY = ["/charges", "/users", "/health", "/audit", "/account", "/outbox", "/settings"];

const needsSignIn = (pathname: string) => pathname === "/" || SIGNED_IN_ONLY.some((p) => pathname === p || pathname.startsWith(`${p}/`));

export async function proxy(req: NextRequest) {
  const { NEXTAUTH_URL, NODE_ENV } = env();
  // The same cookie name the app sets (`__Host-…` over https: lib/auth/cookies.ts).
  const token = await getToken({ req, cookieName: sessionCookieName(NEXTAUTH_URL), secret: env().NEXTAUTH_SECRET, decode: decodeSessionToken });
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: NODE_ENV === "development" });
  let res: NextResponse;
  if (!token && needsSignIn(req.nextUrl.pathname)) {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = `?from=${encodeURIComponent(safeReturnPath(req.nextUrl.pathname + req.nextUrl.search))}`;
    res = NextResponse.redirect(url);
  } else {
    const headers = new Headers(req.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", csp);
    res = NextResponse.next({ request: { headers } });
  }
  res.headers.set("Content-Security-Policy", csp);
  const extra = pageSecurityHeaders({ https: new URL(NEXTAUTH_URL).protocol === "https:", signedIn: Boolean(token) });
  for (const [k, v] of Object.entries(extra)) res.headers.set(k, v);
  return res;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
