import "server-only";
import { getDb } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { openBank, type BankDetails } from "@/lib/refunds/bank-box";

/**
 * The full bank details, for the admin who makes the transfer: only on an explicit "show",
 * and every showing is in the audit log. Never logged; the list and the API show them masked.
 */
export async function revealRefund(opts: { actor: Actor; id: string; audit?: AuditContext }): Promise<BankDetails> {
  if (!can(opts.actor, "revealRefund")) throw new AppError("forbidden", "refunds.err.adminOnly");
  const db = await getDb();
  const row = await db.refund.findUnique({ where: { id: opts.id }, select: { id: true, chargeId: true, sealedBank: true } });
  if (!row) throw notFound();
  const details = openBank(row.id, row.sealedBank);
  if (!details) throw new AppError("unavailable", "refunds.err.unreadable");
  await recordAudit(db, { action: "refund.reveal", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "refund", targetId: row.id, detail: { chargeId: row.chargeId } }, opts.audit);
  return details;
}
