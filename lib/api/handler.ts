import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { errorAnswer } from "@/lib/api/error-answer";
import { env } from "@/lib/env";
import { requestHost } from "@/lib/http/client-ip";
import { requireUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Role } from "@/lib/auth/types";
import { LOCALE_COOKIE, pickLocale, type Locale } from "@/lib/i18n/locale";

type Ctx<P> = { req: NextRequest; user: SessionUser; params: P; locale: Locale };
// allowPasswordChangeRequired: reachable while an admin-reset password is still to be changed.
// allowWithout2fa: the two-factor enrolment endpoints, reachable before a second factor exists (REQUIRE_2FA).
type Options = { roles?: readonly Role[]; allowPasswordChangeRequired?: boolean; allowWithout2fa?: boolean };

/**
 * Every JSON route goes through here: same-origin check for writes, session
 * and role check, and one error shape `{ error: { code, message, fields?, duplicates? } }`
 * with messages in the user's language.
 */
export function withApiHandler<P = Record<string, string>>(
  handler: (ctx: Ctx<P>) => Promise<Response>,
  options: Options = {},
) {
  return async (req: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    const locale = pickLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get("accept-language"));
    try {
      if (req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(req)) {
        throw new AppError("forbidden", "err.forbidden_origin");
      }
      const user = await requireUser(options.roles, { allowPasswordChangeRequired: options.allowPasswordChangeRequired, allowWithout2fa: options.allowWithout2fa });
      return noStore(await handler({ req, user, params: await route.params, locale }));
    } catch (err) {
      return noStore(errorResponse(err, locale));
    }
  };
}

/**
 * A JSON route for visitors who are not signed in yet (the passkey challenge of the sign-in page):
 * the same origin check and error shape as withApiHandler, without a session.
 */
export function withPublicApiHandler(handler: (ctx: { req: NextRequest; locale: Locale }) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    const locale = pickLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get("accept-language"));
    try {
      if (req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(req)) {
        throw new AppError("forbidden", "err.forbidden_origin");
      }
      return noStore(await handler({ req, locale }));
    } catch (err) {
      return noStore(errorResponse(err, locale));
    }
  };
}

/** Signed-in data (and the errors about it) is never kept by a browser or a proxy cache. */
export function noStore(res: Response): Response {
  try {
    res.headers.set("Cache-Control", "no-store");
  } catch {
    // A response with immutable headers (a redirect from Response.redirect): copy it.
    const copy = new Response(res.body, res);
    copy.headers.set("Cache-Control", "no-store");
    return copy;
  }
  return res;
}

function isSameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  if (!origin || origin === "null") return false;
  const allowed = new Set([new URL(env().NEXTAUTH_URL).origin, req.nextUrl.origin]);
  // X-Forwarded-Host is believed only with TRUST_PROXY (lib/http/client-ip.ts).
  const host = requestHost(req.headers);
  if (host) allowed.add(`${req.nextUrl.protocol}//${host}`);
  return allowed.has(origin);
}

function errorResponse(err: unknown, locale: Locale): Response {
  const { status, body, headers } = errorAnswer(err, locale);
  return NextResponse.json(body, { status, headers });
}
