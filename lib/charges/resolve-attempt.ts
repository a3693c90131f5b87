import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import type { OmiseClient } from "@/lib/omise/client";
import { applyOmiseCharge } from "@/lib/charges/apply-omise-charge";
import { findChargeByReference } from "@/lib/charges/find-charge-by-reference";
import { recordCharge } from "@/lib/charges/record-charge";
import { createChargeSchema } from "@/lib/charges/validation";
import type { ChargeDto } from "@/lib/charges/dto";

type AttemptRow = { id: string; reference: string; userId: string; state: string; request: unknown; createdAt: Date; updatedAt: Date };
export type Resolution = { state: "created"; charge: ChargeDto } | { state: "failed" } | { state: "unknown" };

/**
 * Find out what happened to a create whose answer was lost: look for the Omise
 * charge carrying the attempt's reference. Found → record it. Not found and
 * the attempt is older than the grace period → it was never made, so a retry
 * may create it. A failed lookup leaves it unknown: never guess.
 */
export async function resolveAttempt(db: Db, omise: OmiseClient, attempt: AttemptRow, now = new Date()): Promise<Resolution> {
  const found = await findChargeByReference(omise, attempt.reference, attempt.createdAt).catch(() => undefined);
  if (found === undefined) return { state: "unknown" };
  if (found) {
    const input = createChargeSchema.safeParse(attempt.request);
    const details = input.success
      ? input.data
      : { customerName: "?", customerEmail: "?", customerPhone: "?", description: undefined, duplicateReason: undefined };
    const charge = await recordCharge(db, { ...attempt, confirmedAt: attempt.createdAt }, details, found, null);
    if (found.status !== "pending") await applyOmiseCharge(db, found, { source: "reconcile" });
    return { state: "created", charge };
  }
  const graceMs = env().UNKNOWN_ATTEMPT_GRACE_SECONDS * 1000;
  if (now.getTime() - attempt.updatedAt.getTime() < graceMs) return { state: "unknown" };
  const { count } = await db.chargeAttempt.updateMany({
    where: { id: attempt.id, state: { in: ["unknown", "creating"] } },
    data: { state: "failed", errorCode: "not_created", errorMessage: "no charge with this reference exists at Omise" },
  });
  return count === 1 ? { state: "failed" } : { state: "unknown" };
}
