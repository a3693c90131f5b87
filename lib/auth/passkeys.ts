import "server-only";
import { z } from "zod";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, notFound, parseInput } from "@/lib/errors";
import type { Actor } from "@/lib/auth/types";
import { assertPassword } from "@/lib/auth/reauth";
import { recordAudit, type AuditContext } from "@/lib/audit/record";

// Passkeys (WebAuthn) as a second factor next to TOTP. The relying party is NEXTAUTH_URL's host;
// browsers allow WebAuthn only in a secure context (https, or http://localhost).
// A challenge is a database row handed out by id, used once, within CHALLENGE_TTL_MS.

const CHALLENGE_TTL_MS = 5 * 60_000;
const RP_NAME = "Konbini Desk";

export type PasskeyDto = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

const relyingParty = () => {
  const url = new URL(env().NEXTAUTH_URL);
  return { rpID: url.hostname, origin: url.origin };
};

const credentialJson = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({}),
  clientExtensionResults: z.looseObject({}).default({}),
});
const registerSchema = z.object({
  challengeId: z.string({ error: "v.invalid" }).min(1, "v.invalid").max(100, "v.invalid"),
  name: z.string({ error: "v.passkeyName.required" }).trim().min(1, "v.passkeyName.required").max(60, "v.passkeyName.tooLong"),
  response: credentialJson,
});
const signInSchema = z.object({ challengeId: z.string().min(1).max(100), response: credentialJson });

async function newChallenge(purpose: "register" | "authenticate", userId: string | null, challenge: string): Promise<string> {
  const db = await getDb();
  const now = Date.now();
  await db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  const row = await db.webAuthnChallenge.create({ data: { purpose, userId, challenge, expiresAt: new Date(now + CHALLENGE_TTL_MS) } });
  return row.id;
}

/** The challenge, deleted so it cannot be used again; null when unknown, expired or someone else's. */
async function takeChallenge(id: string, purpose: string, userId: string | null, now: Date): Promise<string | null> {
  const db = await getDb();
  const row = await db.webAuthnChallenge.findUnique({ where: { id } });
  if (!row || row.purpose !== purpose || row.expiresAt <= now || (userId !== null && row.userId !== userId)) return null;
  const r = await db.webAuthnChallenge.deleteMany({ where: { id } });
  return r.count === 1 ? row.challenge : null;
}

const toDto = (p: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }): PasskeyDto => ({
  id: p.id,
  name: p.name,
  createdAt: p.createdAt.toISOString(),
  lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
});

export async function listPasskeys(userId: string): Promise<PasskeyDto[]> {
  const db = await getDb();
  return (await db.passkeyCredential.findMany({ where: { userId }, orderBy: { createdAt: "asc" } })).map(toDto);
}

/** POST /api/account/passkeys/options: registration options for the signed-in user (after the password). */
export async function startPasskeyRegistration(opts: { actor: Actor; input: unknown }): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  await assertPassword(opts.actor.id, opts.input);
  const db = await getDb();
  const existing = await db.passkeyCredential.findMany({ where: { userId: opts.actor.id }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: relyingParty().rpID,
    userName: opts.actor.email,
    userDisplayName: opts.actor.name,
    userID: new TextEncoder().encode(opts.actor.id),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
    // Discoverable, so the sign-in page can ask for "any passkey for this site" without naming the user's.
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  return { challengeId: await newChallenge("register", opts.actor.id, options.challenge), options };
}

/** POST /api/account/passkeys: verifies the browser's answer and stores the credential. */
export async function finishPasskeyRegistration(opts: { actor: Actor; input: unknown; ctx?: AuditContext; now?: Date }): Promise<PasskeyDto> {
  const input = parseInput(registerSchema, opts.input);
  const challenge = await takeChallenge(input.challengeId, "register", opts.actor.id, opts.now ?? new Date());
  if (!challenge) throw new AppError("conflict", "err.passkey_expired");
  const { rpID, origin } = relyingParty();
  const result = await verifyRegistrationResponse({
    response: input.response as unknown as RegistrationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch(() => null);
  if (!result?.verified) throw new AppError("unprocessable", "err.passkey_failed");
  const { credential } = result.registrationInfo;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const row = await tx.passkeyCredential.create({
      data: {
        userId: opts.actor.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
        name: input.name,
      },
    });
    await recordAudit(tx, { action: "auth.passkey_added", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "passkey", targetId: row.id, detail: { name: row.name } }, opts.ctx);
    return toDto(row);
  });
}

/** DELETE /api/account/passkeys/:id: one of the user's own passkeys. */
export async function removePasskey(opts: { actor: Actor; id: string; ctx?: AuditContext }): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const row = await tx.passkeyCredential.findFirst({ where: { id: opts.id, userId: opts.actor.id } });
    if (!row) throw notFound();
    await tx.passkeyCredential.delete({ where: { id: row.id } });
    await recordAudit(tx, { action: "auth.passkey_removed", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "passkey", targetId: row.id, detail: { name: row.name } }, opts.ctx);
  });
}

/**
 * POST /api/passkeys/challenge (not signed in): options for the sign-in page's "use a passkey".
 * No credential list, so it tells nobody which accounts have passkeys; `authorize` checks that
 * the passkey used belongs to the account whose password was given.
 */
export async function startPasskeySignIn(): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const options = await generateAuthenticationOptions({ rpID: relyingParty().rpID, userVerification: "preferred" });
  return { challengeId: await newChallenge("authenticate", null, options.challenge), options };
}

/** The `passkey` credential of a sign-in: `{ challengeId, response }` as JSON. True when it proves the user. */
export async function verifyPasskeySignIn(opts: { userId: string; payload: string; now: Date }): Promise<boolean> {
  let raw: unknown;
  try {
    raw = JSON.parse(opts.payload);
  } catch {
    return false;
  }
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return false;
  const challenge = await takeChallenge(parsed.data.challengeId, "authenticate", null, opts.now);
  if (!challenge) return false;
  const db = await getDb();
  const cred = await db.passkeyCredential.findUnique({ where: { credentialId: parsed.data.response.id } });
  if (!cred || cred.userId !== opts.userId) return false;
  const { rpID, origin } = relyingParty();
  const result = await verifyAuthenticationResponse({
    response: parsed.data.response as unknown as AuthenticationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential: { id: cred.credentialId, publicKey: new Uint8Array(Buffer.from(cred.publicKey, "base64url")), counter: Number(cred.counter), transports: cred.transports },
    requireUserVerification: false,
  }).catch(() => null);
  if (!result?.verified) return false;
  await db.passkeyCredential.update({ where: { id: cred.id }, data: { counter: BigInt(result.authenticationInfo.newCounter), lastUsedAt: opts.now } });
  return true;
}
