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

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().min(1).max(1024) });

/** Built on first use so `next build` needs no secrets in the environment. */
export function getAuthOptions(): NextAuthOptions {
  return processSingleton("authOptions", () => buildAuthOptions(env().NEXTAUTH_SECRET));
}

const buildAuthOptions = (secret: string): NextAuthOptions => ({
  secret,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
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
        // No other write belongs to a sign-in yet (the JWT is the session), so the row stands alone.
        await recordAudit(db, { action: "auth.sign_in", actorId: user.id, actorEmail: user.email, targetType: "user", targetId: user.id }, audit);
        return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; role: Role; sessionVersion: number };
        token.sub = u.id;
        token.role = u.role;
        token.sv = u.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub, role: token.role, sv: token.sv } };
    },
  },
});

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    sv?: number;
  }
}
