import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { getCharge } from "@/lib/charges/get-charge";
import type { ChargeDetailDto } from "@/lib/charges/dto";
import { reminderDedupeKey } from "@/lib/messages/reminder-due";

export const setChargeRemindersSchema = z.object(
  { remindersEnabled: z.boolean({ error: "v.invalid" }) },
  { error: "err.validation" },
);

/**
 * Turn a pending charge's reminder email off (or back on), with a timeline entry and an audit
 * row. Off also cancels a reminder already queued and not yet being sent. The charge's row lock
 * keeps this and the reminder scan (lib/messages/reminders.ts) from crossing.
 */
export async function setChargeReminders(opts: { actor: Actor; id: string; input: unknown; audit?: AuditContext }): Promise<ChargeDetailDto> {
  if (!can(opts.actor, "setChargeReminders")) throw new AppError("forbidden", "err.forbidden");
  const { remindersEnabled } = parseInput(setChargeRemindersSchema, opts.input);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string; remindersEnabled: boolean }[]>`SELECT "status", "remindersEnabled" FROM "Charge" WHERE "id" = ${opts.id} FOR UPDATE`;
    if (!row) throw notFound();
    if (row.status !== "pending") throw new AppError("conflict", "err.not_pending");
    if (row.remindersEnabled === remindersEnabled) return; // already so: nothing to record
    await tx.charge.update({ where: { id: opts.id }, data: { remindersEnabled } });
    await tx.chargeEvent.create({ data: { chargeId: opts.id, kind: remindersEnabled ? "reminders_on" : "reminders_off", source: "user", actorId: opts.actor.id } });
    if (!remindersEnabled) {
      await tx.outboundMessage.updateMany({
        where: { dedupeKey: reminderDedupeKey(opts.id), state: "queued" },
        data: { state: "cancelled", lastError: "reminder turned off by staff" },
      });
    }
    await recordAudit(
      tx,
      { action: "charge.reminders", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "charge", targetId: opts.id, detail: { remindersEnabled } },
      opts.audit,
    );
  });
  return getCharge({ id: opts.id });
}
