import "server-only";
import type { Db } from "@/lib/db";
import type { OmiseCharge } from "@/lib/omise/schemas";
import type { CreateChargeInput } from "@/lib/charges/validation";
import { chargeInclude, toChargeDto, type ChargeDto } from "@/lib/charges/dto";
import { recordAudit, type AuditContext } from "@/lib/audit/record";

/**
 * Store the charge Omise made for an attempt and close the attempt, in one
 * transaction. Safe to call twice: the attempt and charge ids are unique.
 */
export async function recordCharge(
  db: Db,
  // confirmedAt: when staff confirmed a suspected duplicate (the request's time), before Omise answered.
  attempt: { id: string; reference: string; userId: string; confirmedAt: Date },
  input: Pick<CreateChargeInput, "customerName" | "customerEmail" | "customerPhone" | "description" | "duplicateReason"> & { reminders?: boolean },
  omiseCharge: OmiseCharge,
  fallbackExpiresAt: Date | null,
  // Who asked, for the `charge.create` audit row written with the charge (also when a lost answer
  // is resolved later: then only the attempt's user is known).
  audit?: { actorEmail?: string; ctx?: AuditContext; reissuedFrom?: string },
): Promise<ChargeDto> {
  const row = await db.$transaction(async (tx) => {
    const existing = await tx.charge.findUnique({ where: { id: omiseCharge.id }, include: chargeInclude });
    const charge =
      existing ??
      (await tx.charge.create({
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
          paymentCode: omiseCharge.paymentCode,
          livemode: omiseCharge.livemode,
          expiresAt: omiseCharge.deadline ? new Date(omiseCharge.deadline) : fallbackExpiresAt,
          createdById: attempt.userId,
          remindersEnabled: input.reminders ?? true,
          lastSyncedAt: new Date(),
          events: { create: [...duplicateConfirmed(attempt, input.duplicateReason), { kind: "created", source: "user", toStatus: "pending", actorId: attempt.userId }] },
        },
        include: chargeInclude,
      }));
    if (!existing) {
      await recordAudit(
        tx,
        {
          action: "charge.create",
          actorId: attempt.userId,
          actorEmail: audit?.actorEmail ?? null,
          targetType: "charge",
          targetId: charge.id,
          reason: input.duplicateReason ?? null,
          detail: { amount: charge.amount, reference: attempt.reference, ...(audit?.reissuedFrom ? { reissuedFrom: audit.reissuedFrom } : {}) },
        },
        audit?.ctx,
      );
    }
    await tx.chargeAttempt.update({ where: { id: attempt.id }, data: { state: "created", chargeId: charge.id, errorCode: null } });
    return charge;
  });
  return toChargeDto(row);
}

/** The reason staff gave for creating despite a suspected duplicate, in the new charge's timeline. */
function duplicateConfirmed(attempt: { userId: string; confirmedAt: Date }, reason: string | undefined) {
  return reason ? [{ kind: "duplicate_confirmed", source: "user", actorId: attempt.userId, detail: reason, at: attempt.confirmedAt }] : [];
}
