import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { getDb, type Db } from "@/lib/db";
import { getOmise } from "@/lib/omise";
import { OmiseApiError, OmiseUnavailableError, isAmbiguous } from "@/lib/omise/errors";
import type { OmiseClient } from "@/lib/omise/client";
import type { OmiseCharge } from "@/lib/omise/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, parseInput } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { createChargeSchema, type CreateChargeInput } from "@/lib/charges/validation";
import { resolveDeadline, type DeadlineWarning } from "@/lib/charges/deadline";
import { chargeInclude, toChargeDto, type ChargeDto } from "@/lib/charges/dto";
import { recordCharge } from "@/lib/charges/record-charge";
import { resolveAttempt } from "@/lib/charges/resolve-attempt";
import { guardAgainstDuplicates } from "@/lib/charges/find-duplicates";
import type { AuditContext } from "@/lib/audit/record";

export type CreateChargeResult = { charge: ChargeDto; warnings: DeadlineWarning[]; replayed: boolean };

const WAIT_FOR_OTHER_MS = 20_000;

/**
 * Create a konbini charge exactly once per (user, idempotency key): an attempt
 * row is written before Omise is called, a repeat waits for or returns the
 * first result, and a lost answer is resolved by looking the charge up by our
 * reference in its metadata, never by sending POST /charges blindly again.
 */
export async function createCharge(opts: {
  actor: Actor;
  input: unknown;
  now?: Date;
  // Re-issue replaces a charge on purpose (lib/charges/reissue-charge.ts): the same customer
  // and amount is the point, not a sign of an order taken twice, so the guard is skipped.
  skipDuplicateGuard?: boolean;
  /** The request's address, user agent and id for the `charge.create` audit row. */
  audit?: AuditContext;
}): Promise<CreateChargeResult> {
  const { actor } = opts;
  if (!can(actor, "createCharge")) throw new AppError("forbidden", "err.forbidden");
  const input = parseInput(createChargeSchema, opts.input);
  const now = opts.now ?? new Date();
  const deadline = resolveDeadline(input.expiresAt, now);
  if (!deadline.ok) throw new AppError("unprocessable", "err.validation", { fields: { expiresAt: [deadline.error] } });
  const omise = getOmise();
  if (omise.breaker.state() === "open") throw new AppError("unavailable", "err.circuit_open");

  const db = await getDb();
  const idempotencyKey = input.idempotencyKey ?? randomUUID();
  // Checked before anything is written; a retry of a request already made (its attempt
  // exists) is answered by that attempt below, never taken for a duplicate of its own charge.
  const isRetry = async () =>
    Boolean(await db.chargeAttempt.findUnique({ where: { userId_idempotencyKey: { userId: actor.id, idempotencyKey } }, select: { id: true } }));
  if (!opts.skipDuplicateGuard) await guardAgainstDuplicates(db, input, now, isRetry);
  const attempt = await claimAttempt(db, omise, actor.id, idempotencyKey, input);
  if (attempt.kind === "done") return { charge: attempt.charge, warnings: deadline.warnings, replayed: true };

  let omiseCharge: OmiseCharge;
  let stage: "source" | "charge" = "source";
  try {
    const source = await omise.createSource({
      amount: input.amount,
      currency: "JPY",
      name: input.customerName,
      email: input.customerEmail,
      phoneNumber: input.customerPhone,
    });
    stage = "charge";
    omiseCharge = await omise.createCharge({
      amount: input.amount,
      currency: "JPY",
      sourceId: source.id,
      description: input.description,
      metadata: { reference: attempt.reference, created_by: actor.email },
      expiresAt: deadline.expiresAt,
    });
  } catch (err) {
    // A failed source can leave at most an unused source, never a charge.
    const charge = await recoverOrFail(db, omise, attempt, err, stage === "charge" && isAmbiguous(err));
    return { charge, warnings: deadline.warnings, replayed: false };
  }
  const charge = await recordCharge(db, { ...attempt, confirmedAt: now }, input, omiseCharge, deadline.expiresAt, { actorEmail: actor.email, ctx: opts.audit });
  return { charge, warnings: deadline.warnings, replayed: false };
}

type Claimed = { kind: "new"; id: string; reference: string; userId: string; createdAt: Date };

async function claimAttempt(
  db: Db,
  omise: OmiseClient,
  userId: string,
  idempotencyKey: string,
  input: CreateChargeInput,
): Promise<Claimed | { kind: "done"; charge: ChargeDto }> {
  const reference = `kd_${randomBytes(9).toString("base64url")}`;
  const request = input as unknown as Prisma.InputJsonValue;
  const inserted = await db.chargeAttempt.createMany({ data: [{ reference, idempotencyKey, userId, request }], skipDuplicates: true });
  if (inserted.count === 1) {
    const row = await db.chargeAttempt.findUniqueOrThrow({ where: { reference } });
    return { kind: "new", id: row.id, reference, userId, createdAt: row.createdAt };
  }
  // The same request again (double click, browser retry, second tab).
  const until = Date.now() + WAIT_FOR_OTHER_MS;
  for (;;) {
    const existing = await db.chargeAttempt.findUniqueOrThrow({ where: { userId_idempotencyKey: { userId, idempotencyKey } } });
    if (existing.state === "created" && existing.chargeId) {
      const charge = await db.charge.findUniqueOrThrow({ where: { id: existing.chargeId }, include: chargeInclude });
      return { kind: "done", charge: toChargeDto(charge) };
    }
    if (existing.state === "unknown") {
      // A lost answer: find out before anything new is sent to Omise.
      const resolution = await resolveAttempt(db, omise, existing);
      if (resolution.state === "created") return { kind: "done", charge: resolution.charge };
      if (resolution.state === "unknown") throw new AppError("conflict", "err.unknown_outcome");
      continue; // failed: it was never made; fall through to re-claim below
    }
    if (existing.state === "failed") {
      const { count } = await db.chargeAttempt.updateMany({
        where: { id: existing.id, state: "failed" },
        data: { state: "creating", errorCode: null, errorMessage: null, request },
      });
      if (count === 1) return { kind: "new", id: existing.id, reference: existing.reference, userId, createdAt: new Date() };
    }
    if (Date.now() > until) throw new AppError("conflict", "err.in_progress");
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function recoverOrFail(db: Db, omise: OmiseClient, attempt: Claimed, err: unknown, ambiguous: boolean): Promise<ChargeDto> {
  if (ambiguous) {
    await db.chargeAttempt.update({ where: { id: attempt.id }, data: { state: "unknown", errorMessage: String(err) } });
    const row = await db.chargeAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    const resolution = await resolveAttempt(db, omise, row);
    if (resolution.state === "created") return resolution.charge;
    throw new AppError(resolution.state === "failed" ? "provider_error" : "conflict", resolution.state === "failed" ? "err.provider" : "err.unknown_outcome", { cause: err });
  }
  const rejected = err instanceof OmiseApiError;
  await db.chargeAttempt.update({
    where: { id: attempt.id },
    data: { state: "failed", errorCode: rejected ? err.code : "error", errorMessage: err instanceof Error ? err.message : String(err) },
  });
  if (err instanceof OmiseUnavailableError) throw new AppError("unavailable", "err.circuit_open", { cause: err });
  // Omise's own minimum for a charge (unconfirmed for konbini) may be above ours.
  if (rejected && err.code === "invalid_charge") {
    throw new AppError("unprocessable", "err.provider_invalid_charge", {
      params: { message: err.message },
      fields: { amount: ["v.amount.rejected"] },
      cause: err,
    });
  }
  if (rejected && err.isRejection) {
    throw new AppError("unprocessable", "err.provider_rejected", { params: { message: err.message }, cause: err });
  }
  throw new AppError("provider_error", "err.provider", { cause: err });
}
