import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { chargeInclude, toChargeDto, type ChargeDto } from "@/lib/charges/dto";
import { createCharge } from "@/lib/charges/create-charge";
import { expireCharge } from "@/lib/charges/expire-charge";
import type { DeadlineWarning } from "@/lib/charges/deadline";
import { recordAudit, type AuditContext } from "@/lib/audit/record";

// amount and expiresAt are checked by createChargeSchema (the same rules as a new charge).
export const reissueChargeSchema = z.object(
  {
    expiresAt: z.unknown().optional(),
    amount: z.unknown().optional(),
    reason: z.string({ error: "v.reason.invalid" }).trim().max(255, "v.reason.invalid").optional().transform((v) => v || undefined),
  },
  { error: "err.validation" },
);

export type ReissueResult = { charge: ChargeDto; warnings: DeadlineWarning[]; created: boolean };

const PAID = new Set(["successful", "reversed"]);

/**
 * Replace a charge by a new one for the same customer and description: a pending
 * charge is expired at Omise first, so the customer never holds two live codes.
 * Exactly once: the new charge's idempotency key is derived from the old id, so a
 * double click or a retry goes through createCharge's attempt row and gets the same
 * charge; once linked, the link itself answers.
 */
export async function reissueCharge(opts: { actor: Actor; id: string; input?: unknown; audit?: AuditContext }): Promise<ReissueResult> {
  const { actor } = opts;
  if (!can(actor, "reissueCharge")) throw new AppError("forbidden", "err.forbidden");
  const input = parseInput(reissueChargeSchema, opts.input ?? {});
  const db = await getDb();
  let old = await db.charge.findUnique({ where: { id: opts.id }, include: chargeInclude });
  if (!old) throw notFound();
  if (old.reissuedToId) {
    const done = await db.charge.findUniqueOrThrow({ where: { id: old.reissuedToId }, include: chargeInclude });
    return { charge: toChargeDto(done), warnings: [], created: false };
  }
  if (PAID.has(old.status)) throw new AppError("unprocessable", "err.reissue_paid");
  if (old.status === "pending") {
    await expireCharge({ actor, id: old.id, input: { reason: input.reason }, audit: opts.audit }).catch((err: unknown) => {
      // not_pending: paid or expired at Omise meanwhile; expireCharge stored Omise's status.
      if (!(err instanceof AppError && err.message === "err.not_pending")) throw err;
    });
    old = await db.charge.findUniqueOrThrow({ where: { id: old.id }, include: chargeInclude });
    if (PAID.has(old.status)) throw new AppError("unprocessable", "err.reissue_paid");
  }
  const result = await createCharge({
    actor,
    skipDuplicateGuard: true,
    audit: opts.audit,
    input: {
      amount: input.amount ?? old.amount,
      customerName: old.customerName,
      customerEmail: old.customerEmail,
      customerPhone: old.customerPhone,
      description: old.description ?? undefined,
      expiresAt: input.expiresAt,
      idempotencyKey: `reissue-${old.id}`,
      reminders: old.remindersEnabled,
    },
  });
  const linked = await link(old.id, result.charge.id, actor, input.reason, opts.audit);
  return { charge: linked ?? result.charge, warnings: result.warnings, created: true };
}

/** Both links and both timeline entries in one transaction; a retry finds the link already made. */
async function link(oldId: string, newId: string, actor: Actor, reason: string | undefined, audit?: AuditContext): Promise<ChargeDto | null> {
  const actorId = actor.id;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { count } = await tx.charge.updateMany({ where: { id: oldId, reissuedToId: null }, data: { reissuedToId: newId } });
    if (count === 1) {
      await tx.charge.update({ where: { id: newId }, data: { reissuedFromId: oldId } });
      await tx.chargeEvent.createMany({
        data: [
          { chargeId: oldId, kind: "reissued_to", source: "user", actorId, detail: reason ?? null },
          { chargeId: newId, kind: "reissued_from", source: "user", actorId, detail: reason ?? null },
        ],
      });
      await recordAudit(tx, { action: "charge.reissue", actorId, actorEmail: actor.email, targetType: "charge", targetId: oldId, reason: reason ?? null, detail: { newChargeId: newId } }, audit);
    }
    const row = await tx.charge.findUnique({ where: { id: newId }, include: chargeInclude });
    return row ? toChargeDto(row) : null;
  });
}
