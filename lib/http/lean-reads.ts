import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { chargeCountsAnswer, chargeListAnswer, overviewAnswer, type ReadAnswer } from "@/lib/api/read-answers";
import { errorAnswer } from "@/lib/api/error-answer";
import { admitUser } from "@/lib/auth/gate";
import { checkAuthSessionReading } from "@/lib/auth/sessions";
import { parseCookieHeader, sessionClaimsOf } from "@/lib/auth/session-token";
import type { Role } from "@/lib/auth/types";
import { changeVersionSql } from "@/lib/charges/counts";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n/locale";

// The hot read APIs on the lean listener (server.mjs, lib/http/lean-routes.ts): GET (and HEAD)
// /api/charges, /api/charges/counts and /api/overview, answered without Next's per-request
// machinery (about 1 ms of CPU before any of our code) and in two round trips to the database:
//   1. the session check (the JWT cookie decoded as next-auth decodes it, then the AuthSession
//      row, its user and their passkey count) and the charges' change version, in one statement;
//   2. the page: the keyset scan and its rows in one statement (lib/charges/page-rows.ts).
// The same gate (lib/auth/gate.ts), the same answers (lib/api/read-answers.ts) and the same error
// bodies in the user's language (lib/api/error-answer.ts) as the Next route handlers, which stay
// in place for Next's own server and the tests. Nothing about a session's state is remembered
// between requests (only a token's decryption, lib/auth/session-token.ts): a revoked or
// signed-out session is refused on its very next request.

/** What next.config.js `headers()` adds to every answer of the Next server; the lean listener sends them too. */
export const API_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
} as const;

type Read = (ctx: { params: URLSearchParams; ifNoneMatch: string | null; readVersion: () => Promise<string> }) => Promise<ReadAnswer>;

/** A GET route on the lean listener: session and gate as withApiHandler does them, then `read`. */
function leanRead(read: Read, opts: { roles?: readonly Role[]; version: boolean }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const cookies = req.headers.cookie;
    const locale = pickLocale(parseCookieHeader(cookies).get(LOCALE_COOKIE), req.headers["accept-language"] ?? null);
    let answer: ReadAnswer | ReturnType<typeof errorAnswer>;
    try {
      const claims = await sessionClaimsOf(cookies);
      const checked = claims
        ? await checkAuthSessionReading({ sid: claims.sid, userId: claims.id, sessionVersion: claims.sv, extra: opts.version ? changeVersionSql() : undefined })
        : { user: null, extra: null };
      admitUser(checked.user, opts.roles);
      const url = new URL(req.url ?? "/", "http://lean.invalid");
      const ifNoneMatch = headerOf(req, "if-none-match");
      answer = await read({ params: url.searchParams, ifNoneMatch, readVersion: async () => checked.extra ?? "0" });
    } catch (err) {
      answer = errorAnswer(err, locale);
    }
    send(res, answer);
  };
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(", ") : (v ?? null);
}

function send(res: ServerResponse, a: { status: number; body: object | null; headers?: Record<string, string> }): void {
  const body = a.body === null ? null : JSON.stringify(a.body);
  res.writeHead(a.status, {
    ...(body === null ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }),
    ...a.headers,
    "Cache-Control": "no-store", // signed-in data and the errors about it, never kept (withApiHandler's noStore)
    ...API_SECURITY_HEADERS,
    "X-Served-By": "konbini-desk-lean",
  });
  res.end(body ?? undefined);
}

export const serveChargeList = leanRead(chargeListAnswer, { version: true });
export const serveChargeCounts = leanRead(chargeCountsAnswer, { version: true });
export const serveOverview = leanRead(() => overviewAnswer(), { version: false });

/** The lean listener's read routes, by "METHOD path" (server.mjs looks these up before the path alone). */
export const leanReadRoutes = {
  "GET /api/charges": serveChargeList,
  "HEAD /api/charges": serveChargeList,
  "GET /api/charges/counts": serveChargeCounts,
  "HEAD /api/charges/counts": serveChargeCounts,
  "GET /api/overview": serveOverview,
  "HEAD /api/overview": serveOverview,
};
