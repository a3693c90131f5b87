import "server-only";
import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { refundsEnabled, sealBank } from "@/lib/refunds/bank-box";
import { refundInclude, toRefundDto, type RefundDto } from "@/lib/refunds/dto";
import { createRefundSchema, idempotencyKeySchema, maskHolder } from "@/lib/refunds/validation";

const newRefundId = () => `rfnd_${randomBytes(12).toString("base64url")}`;

/**
 * Record a refund request on a paid charge. The charge's row is locked for the check and the
 * insert, so two requests at once cannot together exceed what was paid and not yet refunded
 * (requested + transferred; cancelled ones free their amount). The same Idempotency-Key from
 * the same user answers the refund it made the first time.
 */
export async function createRefund(opts: {
  actor: Actor;
  chargeId: string;
  input: unknown;
  idempotencyKey: string | null;
  audit?: AuditContext;
}): Promise<{ refund: RefundDto; replayed: boolean }> {
  if (!can(opts.actor, "createRefund")) throw new AppError("forbidden", "err.forbidden");
  const input = parseInput(createRefundSchema, opts.input);
  const key = parseInput(idempotencyKeySchema, opts.idempotencyKey);
  if (!refundsEnabled()) throw new AppError("unavailable", "refunds.err.disabled");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const [charge] = await tx.$queryRaw<{ status: string; amount: number }[]>`SELECT "status", "amount" FROM "Charge" WHERE "id" = ${opts.chargeId} FOR UPDATE`;
    if (!charge) throw notFound();
    if (key) {
      const earlier = await tx.refund.findUnique({ where: { requestedById_idempotencyKey: { requestedById: opts.actor.id, idempotencyKey: key } }, include: refundInclude });
      if (earlier && earlier.chargeId !== opts.chargeId) throw new AppError("conflict", "refunds.err.keyReused");
      if (earlier) return { refund: toRefundDto(earlier), replayed: true };
    }
    if (charge.status !== "successful") throw new AppError("unprocessable", "refunds.err.notPaid", { fields: { amount: ["refunds.v.notPaid"] } });
    const [{ taken }] = (await tx.$queryRaw<{ taken: number }[]>`
      SELECT COALESCE(SUM("amount"), 0)::int AS taken FROM "Refund" WHERE "chargeId" = ${opts.chargeId} AND "state" IN ('requested', 'transferred')`) as [{ taken: number }];
    const available = charge.amount - taken;
    if (input.amount > available) {
      throw new AppError("unprocessable", "refunds.err.tooMuch", { params: { available: Math.max(0, available) }, fields: { amount: ["refunds.v.tooMuch"] } });
    }
    const id = newRefundId();
    const { bankCode, branchCode, accountType, accountNumber, holderKana } = input;
    const row = await tx.refund.create({
      data: {
        id,
        chargeId: opts.chargeId,
        amount: input.amount,
        sealedBank: sealBank(id, { bankCode, branchCode, accountType, accountNumber, holderKana }),
        bankCode,
        branchCode,
        accountType,
        accountLast3: accountNumber.slice(-3),
        holderMasked: maskHolder(holderKana),
        reason: input.reason ?? null,
        idempotencyKey: key,
        requestedById: opts.actor.id,
      },
      include: refundInclude,
    });
    await tx.chargeEvent.create({ data: { chargeId: opts.chargeId, kind: "refund_requested", source: "user", actorId: opts.actor.id, detail: String(input.amount), at: row.requestedAt } });
    await recordAudit(
      tx,
      { action: "refund.request", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "refund", targetId: id, reason: input.reason ?? null, detail: { chargeId: opts.chargeId, amount: input.amount } },
      opts.audit,
    );
    return { refund: toRefundDto(row), replayed: false };
  });
}
