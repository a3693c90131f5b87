import "server-only";
import { getDb } from "@/lib/db";
import { getOmise } from "@/lib/omise";
import { AppError, notFound } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { applyOmiseCharge } from "@/lib/charges/apply-omise-charge";
import { getCharge } from "@/lib/charges/get-charge";
import { toProviderError } from "@/lib/charges/provider-error";
import type { ChargeDetailDto } from "@/lib/charges/dto";
import type { AuditContext } from "@/lib/audit/record";

/** "Sync now": re-fetch the charge from Omise and apply what it says. */
export async function syncCharge(opts: { actor: Actor; id: string; audit?: AuditContext }): Promise<ChargeDetailDto> {
  if (!can(opts.actor, "syncCharge")) throw new AppError("forbidden", "err.forbidden");
  const db = await getDb();
  const row = await db.charge.findUnique({ where: { id: opts.id }, select: { id: true } });
  if (!row) throw notFound();
  const remote = await getOmise().retrieveCharge(row.id).catch(toProviderError);
  const result = await applyOmiseCharge(db, remote, {
    source: "sync",
    actorId: opts.actor.id,
    audit: { entry: { action: "charge.sync", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "charge", targetId: row.id }, ctx: opts.audit },
  });
  if (result.outcome === "unchanged") {
    await db.chargeEvent.create({ data: { chargeId: row.id, kind: "synced", source: "sync", actorId: opts.actor.id, toStatus: result.status } });
  }
  return getCharge({ id: row.id });
}
