import "server-only";
import type { Db } from "@/lib/db";
import type { OmiseCharge } from "@/lib/omise/schemas";
import { recordAudit, type AuditContext, type AuditEntry } from "@/lib/audit/record";
import { allowedPrevious, isChargeStatus, reduceStatus, type ChargeStatus } from "@/lib/charges/status";

type Source = "webhook" | "sync" | "reconcile" | "user";
export type ApplyResult =
  | { outcome: "unknown_charge" }
  | { outcome: "changed"; from: ChargeStatus; to: ChargeStatus }
  | { outcome: "unchanged"; status: ChargeStatus };

const date = (v: string | null) => (v ? new Date(v) : null);

/**
 * Bring our row in line with Omise's view of the charge. The update is guarded
 * in SQL (status must be one the new status may follow, and the version must
 * not have moved), so concurrent or stale deliveries can never move a charge
 * backwards or apply one change twice.
 */
export async function applyOmiseCharge(
  db: Db,
  charge: OmiseCharge,
  // audit: a user's action (expire, sync) to log in the same transaction as what it changed;
  // `from`/`to` are added to its detail.
  opts: { source: Source; actorId?: string; omiseEventId?: string; audit?: { entry: AuditEntry; ctx?: AuditContext } },
): Promise<ApplyResult> {
  const audit = opts.audit;
  const writeAudit = (tx: Parameters<typeof recordAudit>[0], from: ChargeStatus, to: ChargeStatus) =>
    audit ? recordAudit(tx, { ...audit.entry, detail: { ...(audit.entry.detail as object | undefined), from, to } }, audit.ctx) : Promise.resolve();
  const incoming: ChargeStatus | null = isChargeStatus(charge.status) ? charge.status : null;
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await db.charge.findUnique({ where: { id: charge.id } });
    if (!row) return { outcome: "unknown_charge" };
    const current = isChargeStatus(row.status) ? row.status : "pending";
    const next = incoming ? reduceStatus(current, incoming) : current;
    if (next === current) {
      const data = { lastSyncedAt: new Date(), paymentCode: charge.paymentCode ?? row.paymentCode };
      if (audit)
        await db.$transaction(async (tx) => {
          await tx.charge.update({ where: { id: row.id }, data });
          await writeAudit(tx, current, current);
        });
      else await db.charge.update({ where: { id: row.id }, data });
      return { outcome: "unchanged", status: current };
    }
    const changed = await db.$transaction(async (tx) => {
      const { count } = await tx.charge.updateMany({
        where: { id: row.id, version: row.version, status: { in: allowedPrevious(next) } },
        data: {
          status: next,
          paidAt: date(charge.paid_at) ?? row.paidAt,
          expiredAt: date(charge.expired_at) ?? row.expiredAt,
          expiresAt: date(charge.deadline) ?? row.expiresAt,
          // An answer without references (older API versions, a later state) keeps the code we have.
          paymentCode: charge.paymentCode ?? row.paymentCode,
          failureCode: charge.failure_code,
          failureMessage: charge.failure_message,
          version: { increment: 1 },
          lastSyncedAt: new Date(),
        },
      });
      if (count === 0) return false;
      await tx.chargeEvent.create({
        data: {
          chargeId: row.id,
          kind: "status_changed",
          source: opts.source,
          fromStatus: current,
          toStatus: next,
          actorId: opts.actorId ?? null,
          omiseEventId: opts.omiseEventId ?? null,
          detail: charge.failure_code ? `${charge.failure_code}: ${charge.failure_message ?? ""}` : null,
        },
      });
      await writeAudit(tx, current, next);
      return true;
    });
    if (changed) return { outcome: "changed", from: current, to: next };
    // Someone else changed the row first: re-read and decide again.
  }
  throw new Error(`applyOmiseCharge: could not settle charge ${charge.id} after 5 attempts`);
}
