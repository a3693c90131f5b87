import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { assertPassword } from "@/lib/auth/reauth";
import { can, SIGN_IN_ERROR, type Actor } from "@/lib/auth/types";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, normalizeTotp, otpauthUri, verifyTotp } from "@/lib/auth/totp";
import { assertCodeAttemptsLeft, codeRetryAfterSeconds, recordWrongCode } from "@/lib/auth/two-factor-limit";
import { listPasskeys, verifyPasskeySignIn, type PasskeyDto } from "@/lib/auth/passkeys";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";

// Two-factor sign-in (S12): TOTP with recovery codes, and passkeys (lib/auth/passkeys.ts).

export type TwoFactorStatus = {
  required: boolean;
  totpEnabled: boolean;
  totpEnabledAt: string | null;
  recoveryCodesLeft: number;
  passkeys: PasskeyDto[];
};

const codeSchema = z.object({ code: z.string({ error: "v.code.required" }).trim().min(1, "v.code.required").max(64, "v.code.invalid") });
const resetSchema = z.object({ reason: z.string({ error: "v.resetReason.required" }).trim().min(1, "v.resetReason.required").max(500, "v.resetReason.tooLong") });

type Clock = { now?: Date };

async function userRow(id: string) {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw notFound();
  return user;
}

export async function getTwoFactorStatus(opts: { actor: Actor }): Promise<TwoFactorStatus> {
  const db = await getDb();
  const user = await userRow(opts.actor.id);
  const recoveryCodesLeft = await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
  return {
    required: env().REQUIRE_2FA,
    totpEnabled: Boolean(user.totpEnabledAt),
    totpEnabledAt: user.totpEnabledAt?.toISOString() ?? null,
    recoveryCodesLeft,
    passkeys: await listPasskeys(user.id),
  };
}

/**
 * POST /api/account/2fa: a new secret waiting for its first code. Nothing changes for sign-in
 * until it is confirmed; an enabled TOTP stays as it is until then.
 */
export async function startTotpEnrolment(opts: { actor: Actor; input: unknown }): Promise<{ secret: string; otpauthUri: string }> {
  await assertPassword(opts.actor.id, opts.input);
  const secret = newTotpSecret();
  const db = await getDb();
  await db.user.update({ where: { id: opts.actor.id }, data: { totpPendingSecret: sealSecret(secret) } });
  return { secret, otpauthUri: otpauthUri(secret, opts.actor.email) };
}

async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c)! })) });
  return codes;
}

/** 422 on the code field, after counting the wrong code against the limit. */
async function wrongCode(userId: string, now: Date): Promise<never> {
  const db = await getDb();
  await recordWrongCode(db, userId, now);
  throw new AppError("unprocessable", "err.code_wrong", { fields: { code: ["err.code_wrong"] } });
}

/** POST /api/account/2fa/confirm: the first code turns the pending secret on; ten recovery codes, shown once. */
export async function confirmTotpEnrolment(opts: { actor: Actor; input: unknown; ctx?: AuditContext } & Clock): Promise<{ recoveryCodes: string[] }> {
  const now = opts.now ?? new Date();
  const { code } = parseInput(codeSchema, opts.input);
  const db = await getDb();
  await assertCodeAttemptsLeft(db, opts.actor.id, now);
  const user = await userRow(opts.actor.id);
  const secret = user.totpPendingSecret && openSecret(user.totpPendingSecret);
  if (!secret) throw new AppError("conflict", "err.2fa_not_started");
  const step = await verifyTotp({ secret, code, nowMs: now.getTime(), lastStep: null });
  if (step === null) return wrongCode(user.id, now);
  return db.$transaction(async (tx) => {
    const r = await tx.user.updateMany({
      where: { id: user.id, totpPendingSecret: user.totpPendingSecret },
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step },
    });
    if (r.count !== 1) throw new AppError("conflict", "err.2fa_not_started");
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit(tx, { action: "auth.2fa_enrolled", actorId: user.id, actorEmail: user.email, targetType: "user", targetId: user.id, detail: { method: "totp", replaced: Boolean(user.totpEnabledAt) } }, opts.ctx);
    return { recoveryCodes };
  });
}

type CodeUse = "totp" | "recovery";

/**
 * Spends one code of the user's: a TOTP for a step after the last one accepted, or an unused
 * recovery code. Both are single-use even under concurrent requests (conditional updates).
 */
async function spendCode(tx: Prisma.TransactionClient, user: { id: string; totpSecret: string | null; totpLastStep: number | null }, code: string, now: Date): Promise<CodeUse | null> {
  const secret = user.totpSecret && openSecret(user.totpSecret);
  if (secret && normalizeTotp(code)) {
    const step = await verifyTotp({ secret, code, nowMs: now.getTime(), lastStep: user.totpLastStep });
    if (step === null) return null;
    const r = await tx.user.updateMany({ where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } });
    return r.count === 1 ? "totp" : null;
  }
  const hash = hashRecoveryCode(code);
  if (!hash) return null;
  const r = await tx.recoveryCode.updateMany({ where: { userId: user.id, codeHash: hash, usedAt: null }, data: { usedAt: now } });
  return r.count === 1 ? "recovery" : null;
}

/** Checks a code for an account action (regenerate, disable): 429 when out of attempts, 422 when wrong. */
async function requireCode(actor: Actor, input: unknown, now: Date, ctx?: AuditContext) {
  const { code } = parseInput(codeSchema, input);
  const db = await getDb();
  await assertCodeAttemptsLeft(db, actor.id, now);
  const user = await userRow(actor.id);
  if (!user.totpEnabledAt) throw new AppError("conflict", "err.2fa_not_enabled");
  const used = await db.$transaction((tx) => spendCode(tx, user, code, now));
  if (!used) return wrongCode(user.id, now);
  if (used === "recovery") await recordAudit(db, { action: "auth.2fa_recovery_used", actorId: user.id, actorEmail: user.email, targetType: "user", targetId: user.id }, ctx);
  return user;
}

/** POST /api/account/2fa/recovery-codes: ten new codes (the old ones stop working), after a code. */
export async function regenerateRecoveryCodes(opts: { actor: Actor; input: unknown; ctx?: AuditContext } & Clock): Promise<{ recoveryCodes: string[] }> {
  const now = opts.now ?? new Date();
  const user = await requireCode(opts.actor, opts.input, now, opts.ctx);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit(tx, { action: "auth.2fa_recovery_regenerated", actorId: user.id, actorEmail: user.email, targetType: "user", targetId: user.id }, opts.ctx);
    return { recoveryCodes };
  });
}

/** POST /api/account/2fa/disable: only while REQUIRE_2FA is off, after a code. Passkeys stay. */
export async function disableTotp(opts: { actor: Actor; input: unknown; ctx?: AuditContext } & Clock): Promise<void> {
  if (env().REQUIRE_2FA) throw new AppError("forbidden", "err.2fa_mandatory");
  const now = opts.now ?? new Date();
  const user = await requireCode(opts.actor, opts.input, now, opts.ctx);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, { action: "auth.2fa_disabled", actorId: user.id, actorEmail: user.email, targetType: "user", targetId: user.id }, opts.ctx);
  });
}

/**
 * POST /api/users/:id/2fa/reset (admin): removes the user's TOTP, recovery codes and passkeys
 * and ends their sessions (sessionVersion), so they enrol again at their next sign-in.
 */
export async function resetTwoFactor(opts: { actor: Actor; id: string; input: unknown; ctx?: AuditContext }): Promise<void> {
  if (!can(opts.actor, "manageUsers")) throw new AppError("forbidden", "err.forbidden");
  const { reason } = parseInput(resetSchema, opts.input);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: opts.id }, include: { _count: { select: { passkeys: true, recoveryCodes: true } } } });
    if (!user) throw notFound();
    await tx.user.update({
      where: { id: user.id },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.passkeyCredential.deleteMany({ where: { userId: user.id } });
    await tx.twoFactorFailure.deleteMany({ where: { userId: user.id } });
    await recordAudit(
      tx,
      {
        action: "user.2fa_reset",
        actorId: opts.actor.id,
        actorEmail: opts.actor.email,
        targetType: "user",
        targetId: user.id,
        reason,
        detail: { email: user.email, hadTotp: Boolean(user.totpEnabledAt), passkeys: user._count.passkeys, recoveryCodes: user._count.recoveryCodes },
      },
      opts.ctx,
    );
  });
}

/**
 * Called by next-auth's `authorize` once the password matched. A user with a second factor must
 * send `code` (a TOTP or a recovery code) or `passkey` (lib/auth/passkeys.ts); otherwise this
 * throws a SIGN_IN_ERROR code that the sign-in page turns into the code step.
 */
export async function checkSecondFactorAtSignIn(opts: {
  userId: string;
  email: string;
  code?: string;
  passkey?: string;
  ctx?: AuditContext;
  now?: Date;
}): Promise<void> {
  const now = opts.now ?? new Date();
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: opts.userId }, include: { _count: { select: { passkeys: true } } } });
  if (!user.totpEnabledAt && user._count.passkeys === 0) return;
  const code = opts.code?.trim();
  if (!code && !opts.passkey) throw new Error(SIGN_IN_ERROR.codeRequired);
  if ((await codeRetryAfterSeconds(db, user.id, now)) > 0) throw new Error(SIGN_IN_ERROR.codeThrottled);
  if (opts.passkey) {
    if (await verifyPasskeySignIn({ userId: user.id, payload: opts.passkey, now })) return;
  } else if (code && code.length <= 64) {
    const used = user.totpEnabledAt ? await db.$transaction((tx) => spendCode(tx, user, code, now)) : null;
    if (used === "recovery") {
      await recordAudit(db, { action: "auth.2fa_recovery_used", actorId: user.id, actorEmail: user.email, targetType: "user", targetId: user.id }, opts.ctx);
    }
    if (used) return;
  }
  await recordWrongCode(db, user.id, now);
  throw new Error(SIGN_IN_ERROR.codeInvalid);
}
