import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { refundsEnabled } from "@/lib/refunds/bank-box";
import { refundInclude, toRefundDto, type ChargeRefundsDto } from "@/lib/refunds/dto";

// A charge has a handful of refunds at most: reading them all is bounded by the charge.
const MAX_REFUNDS = 200;

/** A charge's refunds, newest first, with its totals. Any signed-in role may read. */
export async function listRefunds(opts: { chargeId: string }): Promise<ChargeRefundsDto> {
  const db = await getDb();
  const charge = await db.charge.findUnique({
    where: { id: opts.chargeId },
    select: { id: true, status: true, amount: true, refunds: { orderBy: [{ requestedAt: "desc" }, { id: "desc" }], take: MAX_REFUNDS, include: refundInclude } },
  });
  if (!charge) throw notFound();
  const sum = (state: string) => charge.refunds.filter((r) => r.state === state).reduce((n, r) => n + r.amount, 0);
  const refundedAmount = sum("transferred");
  const requestedAmount = sum("requested");
  const paid = charge.status === "successful";
  return {
    chargeId: charge.id,
    paid,
    paidAmount: paid ? charge.amount : 0,
    refundedAmount,
    requestedAmount,
    refundableAmount: paid ? Math.max(0, charge.amount - refundedAmount - requestedAmount) : 0,
    enabled: refundsEnabled(),
    refunds: charge.refunds.map(toRefundDto),
  };
}
