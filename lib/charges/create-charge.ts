import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { getDb, type Db } from "@/lib/db";
import { getOmise } from "@/lib/omise";
import { OmiseApiError, isAmbiguous } from "@/lib/omise/errors";
import type { OmiseClient } from "@/lib/omise/client";
import type { OmiseCharge } from "@/lib/omise/schemas";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/types";
import { can } from "@/lib/auth/types";
import { createChargeSchema, issuesToFields } from "@/lib/charges/validation";
import { resolveDeadline, type DeadlineWarning } from "@/lib/charges/deadline";
import { chargeInclude, toChargeDto, type ChargeDto } from "@/lib/charges/dto";
import { findChargeByReference } from "@/lib/charges/find-charge-by-reference";

export type CreateChargeResult = { charge: ChargeDto; warnings: DeadlineWarning[]; replayed: boolean };

const WAIT_FOR_OTHER_MS = 20_000;

/**
 * Create a konbini charge exactly once per (user, idempotency key): an attempt
 * row is written before Omise is called, a repeat waits for or returns the
 * first result, and a lost answer is resolved by looking the charge up by our
 * reference in its metadata, never by sending POST /charges again.
 */
export async function createCharge(opts: { actor: Actor; input: unknown; now?: Date }): Promise<CreateChargeResult> {
  const { actor } = opts;
  if (!can(actor, "createCharge")) throw new AppError("forbidden", "err.forbidden");
  const parsed = createChargeSchema.safeParse(opts.input);
  if (!parsed.success) {
    throw new AppError("unprocessable", "err.validation", { fields: issuesToFields(parsed.error) });
  }
  const input = parsed.data;
  const deadline = resolveDeadline(input.expiresAt, opts.now ?? new Date());
  if (!deadline.ok) throw new AppError("unprocessable", "err.validation", { fields: { expiresAt: [deadline.error] } });

  const db = await getDb();
  const idempotencyKey = input.idempotencyKey ?? randomUUID();
  const attempt = await claimAttempt(db, actor.id, idempotencyKey);
  if (attempt.kind === "done") {
    return { charge: attempt.charge, warnings: deadline.warnings, replayed: true };
  }

  const omise = getOmise();
  let omiseCharge: OmiseCharge;
  try {
    const source = await omise.createSource({
      amount: input.amount,
      currency: "JPY",
      name: input.customerName,
      email: input.customerEmail,
      phoneNumber: input.customerPhone,
    });
    omiseCharge = await omise.createCharge({
      amount: input.amount,
      currency: "JPY",
      sourceId: source.id,
      description: input.description,
      metadata: { reference: attempt.reference, created_by: actor.email },
      expiresAt: deadline.expiresAt,
    });
  } catch (err) {
    omiseCharge = await recoverOrFail(db, omise, attempt, err);
  }

  const charge = await db.$transaction(async (tx) => {
    const row = await tx.charge.create({
      data: {
        id: omiseCharge.id,
        reference: attempt.reference,
        status: "pending",
        amount: omiseCharge.amount,
        currency: omiseCharge.currency,
        customerName: input.customerName,
        customerEmail: input.customerEmail,
        customerPhone: input.customerPhone,
        description: input.description ?? null,
        authorizeUri: omiseCharge.authorize_uri,
        livemode: omiseCharge.livemode,
        expiresAt: omiseCharge.expires_at ? new Date(omiseCharge.expires_at) : deadline.expiresAt,
        createdById: actor.id,
        lastSyncedAt: new Date(),
        events: { create: { kind: "created", source: "user", toStatus: "pending", actorId: actor.id } },
      },
      include: chargeInclude,
    });
    await tx.chargeAttempt.update({ where: { id: attempt.id }, data: { state: "created", chargeId: row.id } });
    return row;
  });
  return { charge: toChargeDto(charge), warnings: deadline.warnings, replayed: false };
}

type Claimed = { kind: "new"; id: string; reference: string; createdAt: Date };

async function claimAttempt(db: Db, userId: string, idempotencyKey: string): Promise<Claimed | { kind: "done"; charge: ChargeDto }> {
  const reference = `kd_${randomBytes(9).toString("base64url")}`;
  const inserted = await db.chargeAttempt.createMany({ data: [{ reference, idempotencyKey, userId }], skipDuplicates: true });
  if (inserted.count === 1) {
    const row = await db.chargeAttempt.findUniqueOrThrow({ where: { reference } });
    return { kind: "new", id: row.id, reference, createdAt: row.createdAt };
  }
  // The same request again (double click, browser retry, second tab).
  const deadline = Date.now() + WAIT_FOR_OTHER_MS;
  for (;;) {
    const existing = await db.chargeAttempt.findUniqueOrThrow({ where: { userId_idempotencyKey: { userId, idempotencyKey } } });
    if (existing.state === "created" && existing.chargeId) {
      const charge = await db.charge.findUniqueOrThrow({ where: { id: existing.chargeId }, include: chargeInclude });
      return { kind: "done", charge: toChargeDto(charge) };
    }
    if (existing.state === "failed") {
      // Omise refused the first try; this retry may carry the same data, so try again.
      const { count } = await db.chargeAttempt.updateMany({
        where: { id: existing.id, state: "failed" },
        data: { state: "creating", errorCode: null, errorMessage: null },
      });
      if (count === 1) return { kind: "new", id: existing.id, reference: existing.reference, createdAt: new Date() };
    }
    if (Date.now() > deadline) {
      throw new AppError("conflict", existing.state === "unknown" ? "err.unknown_outcome" : "err.in_progress");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function recoverOrFail(db: Db, omise: OmiseClient, attempt: Claimed, err: unknown): Promise<OmiseCharge> {
  if (isAmbiguous(err)) {
    await db.chargeAttempt.update({ where: { id: attempt.id }, data: { state: "unknown", errorMessage: String(err) } });
    const found = await findChargeByReference(omise, attempt.reference, attempt.createdAt).catch(() => null);
    if (found) return found;
    throw new AppError("provider_error", "err.unknown_outcome", { cause: err });
  }
  const rejected = err instanceof OmiseApiError;
  await db.chargeAttempt.update({
    where: { id: attempt.id },
    data: { state: "failed", errorCode: rejected ? err.code : "error", errorMessage: err instanceof Error ? err.message : String(err) },
  });
  if (rejected && err.isRejection) {
    throw new AppError("unprocessable", "err.provider_rejected", { params: { message: err.message }, cause: err });
  }
  throw new AppError("provider_error", "err.provider", { cause: err });
}
