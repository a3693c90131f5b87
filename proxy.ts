import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { sessionCookieName } from "@/lib/auth/cookies";
import { env } from "@/lib/env";

// Only redirects anonymous visitors to /login; every page and route handler
// still checks the session itself (CVE-2025-29927).
export async function proxy(req: NextRequest) {
  // The same cookie name the app sets (`__Host-…` over https: lib/auth/cookies.ts).
  const token = await getToken({ req, cookieName: sessionCookieName(env().NEXTAUTH_URL), secret: env().NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/login";
  url.search = `?from=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/", "/charges/:path*", "/users/:path*", "/health", "/account/:path*"] };
