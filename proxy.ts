import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

// Only redirects anonymous visitors to /login; every page and route handler
// still checks the session itself (CVE-2025-29927).
export async function proxy(req: NextRequest) {
  const token = await getToken({ req });
  if (token) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/login";
  url.search = `?from=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/", "/charges/:path*", "/users/:path*", "/health"] };
