import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { SIGN_IN_ERROR, throttledSignInError, type Role } from "@/lib/auth/types";
import { recordSignInFailure, recordSignInSuccess, reserveSignInAttempt } from "@/lib/auth/throttle";
import { logThrottled } from "@/lib/auth/sign-in-gate";
import { auditContextFrom, recordAudit } from "@/lib/audit/record";
import { clientIp } from "@/lib/http/client-ip";
import { processSingleton } from "@/lib/process-state";
import { sessionCookieOptions } from "@/lib/auth/cookies";
import { createAuthSession, revokeSessionOnSignOut } from "@/lib/auth/sessions";
import { checkSecondFactorAtSignIn } from "@/lib/auth/two-factor";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/jwt-codec";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().min(1).max(1024),
  // The second factor (lib/auth/two-factor.ts): a TOTP or recovery code, or a passkey assertion as JSON.
  code: z.string().max(64).optional(),
  passkey: z.string().max(20_000).optional(),
});

/** Built on first use so `next build` needs no secrets in the environment. */
export function getAuthOptions(): NextAuthOptions {
  return processSingleton("authOptions", () => {
    const e = env();
    return buildAuthOptions(e.NEXTAUTH_SECRET, e.NEXTAUTH_URL, e.SESSION_MAX_HOURS * 3600);
  });
}

// The JWT lives no longer than the absolute limit; next-auth slides its expiry on each
// /api/auth/session call, but what counts is the server-side session row its `sid` names
// (idle and absolute limits, revocation: lib/auth/sessions.ts).
const buildAuthOptions = (secret: string, appUrl: string, maxAgeSeconds: number): NextAuthOptions => ({
  secret,
  session: { strategy: "jwt", maxAge: maxAgeSeconds },
  // next-auth's token format, with its derived key kept (lib/auth/jwt-codec.ts).
  jwt: { maxAge: maxAgeSeconds, encode: encodeSessionToken, decode: decodeSessionToken },
  cookies: sessionCookieOptions(appUrl),
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Code", type: "text" },
        passkey: { label: "Passkey", type: "text" },
      },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const who = { email, ip: clientIp(headers) };
        const audit = auditContextFrom(headers);
        // Throttled (S3, lib/auth/throttle.ts): refused before any hash. The route answers 429
        // before next-auth runs (lib/auth/sign-in-gate.ts); this catches attempts that raced past it.
        const gate = await reserveSignInAttempt(who);
        if (!gate.allowed) {
          await logThrottled(email, gate, audit);
          throw new Error(throttledSignInError(gate.retryAfterSeconds));
        }
        const db = await getDb();
        const user = await db.user.findUnique({ where: { email } });
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
        if (!user || !ok) {
          const run = await recordSignInFailure(who);
          await recordAudit(db, { action: "auth.sign_in_failed", actorEmail: email, targetType: user ? "user" : null, targetId: user?.id ?? null, reason: "invalid_credentials", detail: run }, audit);
          return null;
        }
        await recordSignInSuccess(who);
        // The password was right, so saying why is safe, and spares them a "wrong password" loop.
        if (user.disabled) {
          await recordAudit(db, { action: "auth.sign_in_failed", actorId: user.id, actorEmail: email, targetType: "user", targetId: user.id, reason: "account_disabled" }, audit);
          throw new Error(SIGN_IN_ERROR.accountDisabled);
        }
        // Throws code_required / code_invalid / code_throttled when a second factor is due.
        await checkSecondFactorAtSignIn({
          userId: user.id,
          email: user.email,
          code: parsed.data.code || undefined,
          passkey: parsed.data.passkey || undefined,
          ctx: audit,
        });
        // The session row is created in the jwt callback that follows (lib/auth/sessions.ts).
        await recordAudit(db, { action: "auth.sign_in", actorId: user.id, actorEmail: user.email, targetType: "user", targetId: user.id }, audit);
        return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion, client: clientOf(req?.headers) };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; role: Role; sessionVersion: number; client?: { ip: string | null; userAgent: string | null } };
        token.sub = u.id;
        token.role = u.role;
        token.sv = u.sessionVersion;
        token.sid = await createAuthSession({ userId: u.id, client: u.client });
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub, role: token.role, sv: token.sv, sid: token.sid } };
    },
  },
  events: {
    // Signing out ends the server-side session, so a copy of the cookie is worthless after it.
    async signOut({ token }) {
      await revokeSessionOnSignOut((token as { sid?: string } | null)?.sid);
    },
  },
});

function headersOf(headers: Record<string, unknown> | undefined): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(headers ?? {})) if (typeof v === "string") h.set(k, v);
  return h;
}

function clientOf(headers: Record<string, unknown> | undefined) {
  const { ip, userAgent } = auditContextFrom(headersOf(headers));
  return { ip, userAgent };
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    sv?: number;
    sid?: string;
  }
}
