import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { getReminderPlan } from "@/lib/messages/reminders";
import { chargeInclude, toChargeDto, toTimelineDto, type ChargeDetailDto } from "@/lib/charges/dto";

/** One charge with its timeline. Any signed-in role may read; the caller checked the session. */
export async function getCharge(opts: { id: string }): Promise<ChargeDetailDto> {
  const db = await getDb();
  const row = await db.charge.findUnique({
    where: { id: opts.id },
    include: { ...chargeInclude, events: { orderBy: { at: "asc" }, include: { actor: { select: { name: true } } } } },
  });
  if (!row) throw notFound();
  return { ...toChargeDto(row), timeline: row.events.map(toTimelineDto), reminder: await getReminderPlan({ chargeId: row.id, db }) };
}
