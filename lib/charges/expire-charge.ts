import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getOmise } from "@/lib/omise";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { OmiseApiError } from "@/lib/omise/errors";
import { can, type Actor } from "@/lib/auth/types";
import { applyOmiseCharge } from "@/lib/charges/apply-omise-charge";
import { getCharge } from "@/lib/charges/get-charge";
import { toProviderError } from "@/lib/charges/provider-error";
import type { ChargeDetailDto } from "@/lib/charges/dto";
import type { AuditContext } from "@/lib/audit/record";

// The reason is optional free text (the dialog caps it at 255 characters too).
export const expireChargeSchema = z.object(
  { reason: z.string({ error: "v.reason.invalid" }).trim().max(255, "v.reason.invalid").optional().transform((v) => v || undefined) },
  { error: "err.validation" },
);

/** "Expire now": cancel a pending konbini charge at Omise, recording who did it and why. */
export async function expireCharge(opts: { actor: Actor; id: string; input?: unknown; audit?: AuditContext }): Promise<ChargeDetailDto> {
  if (!can(opts.actor, "expireCharge")) throw new AppError("forbidden", "err.forbidden");
  const { reason } = parseInput(expireChargeSchema, opts.input ?? {});
  const db = await getDb();
  const row = await db.charge.findUnique({ where: { id: opts.id }, select: { id: true, status: true } });
  if (!row) throw notFound();
  if (row.status !== "pending") throw new AppError("conflict", "err.not_pending");
  await db.chargeEvent.create({
    data: { chargeId: row.id, kind: "expire_requested", source: "user", actorId: opts.actor.id, detail: reason ?? null },
  });
  const omise = getOmise();
  const remote = await omise.expireCharge(row.id).catch(async (err: unknown) => {
    // Already paid or expired at Omise: take Omise's word for the status.
    if (err instanceof OmiseApiError && err.code === "failed_expire") {
      const current = await omise.retrieveCharge(row.id).catch(toProviderError);
      await applyOmiseCharge(db, current, { source: "sync", actorId: opts.actor.id });
      throw new AppError("conflict", "err.not_pending", { cause: err });
    }
    return toProviderError(err);
  });
  await applyOmiseCharge(db, remote, {
    source: "user",
    actorId: opts.actor.id,
    audit: {
      entry: { action: "charge.expire", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "charge", targetId: row.id, reason: reason ?? null },
      ctx: opts.audit,
    },
  });
  return getCharge({ id: row.id });
}
