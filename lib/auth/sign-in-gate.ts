import "server-only";
import { NextResponse } from "next/server";
import type { JWT } from "next-auth/jwt";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { auditContextFrom, recordAudit, type AuditContext } from "@/lib/audit/record";
import { checkSignIn, type ThrottleVerdict } from "@/lib/auth/throttle";
import { throttledSignInError } from "@/lib/auth/types";
import { clientIp } from "@/lib/http/client-ip";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n/locale";
import { keyTranslator } from "@/lib/i18n/translate-key";

// What app/api/auth/[...nextauth]/route.ts does around next-auth, which cannot answer a
// credentials sign-in with a status of its own choosing: a throttled attempt gets 429 with
// Retry-After here, before next-auth (and so before any password hash) runs; and a sign-out
// is written to the audit log.

const normaliseEmail = (v: FormDataEntryValue | null) => (typeof v === "string" ? v.trim().toLowerCase().slice(0, 254) : "");

/** A refused attempt: console and audit log (`auth.sign_in_throttled`), no hash. */
export async function logThrottled(email: string, verdict: Extract<ThrottleVerdict, { allowed: false }>, ctx: AuditContext): Promise<void> {
  console.warn(`[auth] sign-in throttled email=${JSON.stringify(email)} ip=${ctx.ip ?? "?"} reason=${verdict.reason} retry_after=${verdict.retryAfterSeconds}s`);
  const db = await getDb();
  await recordAudit(
    db,
    { action: "auth.sign_in_throttled", actorEmail: email, reason: verdict.reason, detail: { retryAfterSeconds: verdict.retryAfterSeconds } },
    ctx,
  );
}

/** POST /api/auth/callback/credentials: 429 + Retry-After when the throttle says wait; null to go on. */
export async function signInGate(req: Request): Promise<Response | null> {
  if (req.method !== "POST" || !new URL(req.url).pathname.endsWith("/callback/credentials")) return null;
  const form = await req.clone().formData().catch(() => null);
  const email = normaliseEmail(form?.get("email") ?? null);
  if (!email) return null; // next-auth refuses it without a hash
  const verdict = await checkSignIn({ email, ip: clientIp(req.headers) });
  if (verdict.allowed) return null;
  await logThrottled(email, verdict, auditContextFrom(req.headers));
  const cookie = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`).exec(req.headers.get("cookie") ?? "")?.[1];
  const t = keyTranslator(pickLocale(cookie, req.headers.get("accept-language")));
  const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
  const error = throttledSignInError(verdict.retryAfterSeconds);
  return NextResponse.json(
    {
      // next-auth's signIn() reads `error` from this URL; the wait rides along in it.
      url: `${env().NEXTAUTH_URL.replace(/\/$/, "")}/login?error=${encodeURIComponent(error)}`,
      error: { code: "throttled", message: t("login.throttled", { minutes }), retryAfterSeconds: verdict.retryAfterSeconds },
    },
    { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}

/** After next-auth answered POST /api/auth/signout: audit it when it really ended the session. */
export async function auditSignOut(req: Request, token: JWT | null, res: Response): Promise<void> {
  const sub = token?.sub;
  if (req.method !== "POST" || !new URL(req.url).pathname.endsWith("/signout") || typeof sub !== "string") return;
  const cleared = res.headers.getSetCookie().some((c) => /session-token=;/.test(c));
  if (!cleared) return;
  const db = await getDb();
  await recordAudit(db, { action: "auth.sign_out", actorId: sub, actorEmail: typeof token?.email === "string" ? token.email : null, targetType: "user", targetId: sub }, auditContextFrom(req.headers));
}
