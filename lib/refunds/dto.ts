import type { Refund, User } from "@/lib/generated/prisma/client";
import type { AccountType, RefundState } from "@/lib/refunds/validation";

// What leaves the server: the masked form only, never the sealed blob or the plain details.
export type RefundDto = {
  id: string;
  chargeId: string;
  amount: number;
  state: RefundState;
  bankCode: string;
  branchCode: string;
  accountType: AccountType;
  accountNumberMasked: string; // ****567
  holderMasked: string; // ヤ＊＊ タ＊＊
  reason: string | null;
  requestedBy: string;
  requestedAt: string;
  transferredBy: string | null;
  transferredAt: string | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
};

/** A charge's refunds with what was paid, transferred back, and is still free to refund. */
export type ChargeRefundsDto = {
  chargeId: string;
  paid: boolean;
  paidAmount: number;
  refundedAmount: number; // transferred
  requestedAmount: number; // requested, not yet transferred
  refundableAmount: number; // paid − requested − transferred
  enabled: boolean; // REFUND_DATA_KEY is set
  refunds: RefundDto[];
};

type Name = Pick<User, "name"> | null;
export type RefundRow = Refund & { requestedBy: Name; transferredBy: Name; cancelledBy: Name };
export const refundInclude = {
  requestedBy: { select: { name: true } },
  transferredBy: { select: { name: true } },
  cancelledBy: { select: { name: true } },
} as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRefundDto(row: RefundRow): RefundDto {
  return {
    id: row.id,
    chargeId: row.chargeId,
    amount: row.amount,
    state: row.state as RefundState,
    bankCode: row.bankCode,
    branchCode: row.branchCode,
    accountType: row.accountType as AccountType,
    accountNumberMasked: `****${row.accountLast3}`,
    holderMasked: row.holderMasked,
    reason: row.reason,
    requestedBy: row.requestedBy?.name ?? "",
    requestedAt: row.requestedAt.toISOString(),
    transferredBy: row.transferredBy?.name ?? null,
    transferredAt: iso(row.transferredAt),
    cancelledBy: row.cancelledBy?.name ?? null,
    cancelledAt: iso(row.cancelledAt),
  };
}
