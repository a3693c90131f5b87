import "server-only";
import { getDb } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { refundInclude, toRefundDto, type RefundDto } from "@/lib/refunds/dto";
import { updateRefundSchema } from "@/lib/refunds/validation";

/**
 * requested → transferred (an admin, after sending the money) or → cancelled (staff or admin).
 * A finished refund does not move again: 409. The charge row is locked first, as createRefund
 * does, so the two never wait on each other in opposite order.
 */
export async function updateRefund(opts: { actor: Actor; id: string; input: unknown; audit?: AuditContext }): Promise<RefundDto> {
  if (!can(opts.actor, "cancelRefund") && !can(opts.actor, "transferRefund")) throw new AppError("forbidden", "err.forbidden");
  const { state } = parseInput(updateRefundSchema, opts.input);
  if (!can(opts.actor, state === "transferred" ? "transferRefund" : "cancelRefund")) throw new AppError("forbidden", "refunds.err.adminOnly");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const found = await tx.refund.findUnique({ where: { id: opts.id }, select: { chargeId: true, amount: true } });
    if (!found) throw notFound();
    await tx.$queryRaw`SELECT 1 FROM "Charge" WHERE "id" = ${found.chargeId} FOR UPDATE`;
    const now = new Date();
    const data = state === "transferred" ? { state, transferredById: opts.actor.id, transferredAt: now } : { state, cancelledById: opts.actor.id, cancelledAt: now };
    const { count } = await tx.refund.updateMany({ where: { id: opts.id, state: "requested" }, data });
    if (count === 0) throw new AppError("conflict", "refunds.err.finished");
    if (state === "transferred") await tx.charge.update({ where: { id: found.chargeId }, data: { refundedAmount: { increment: found.amount } } });
    await tx.chargeEvent.create({ data: { chargeId: found.chargeId, kind: `refund_${state}`, source: "user", actorId: opts.actor.id, detail: String(found.amount), at: now } });
    await recordAudit(
      tx,
      { action: state === "transferred" ? "refund.transfer" : "refund.cancel", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "refund", targetId: opts.id, detail: { chargeId: found.chargeId, amount: found.amount } },
      opts.audit,
    );
    return toRefundDto(await tx.refund.findUniqueOrThrow({ where: { id: opts.id }, include: refundInclude }));
  });
}
