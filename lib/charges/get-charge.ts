import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { getReminderPlan } from "@/lib/messages/reminders";
import { chargeInclude, toChargeDto, toTimelineDto, type ChargeDetailDto } from "@/lib/charges/dto";
import { toMessageDto } from "@/lib/messages/dto";

/** One charge with its timeline. Any signed-in role may read; the caller checked the session. */
export async function getCharge(opts: { id: string }): Promise<ChargeDetailDto> {
  const db = await getDb();
  const row = await db.charge.findUnique({
    where: { id: opts.id },
    include: {
      ...chargeInclude,
      events: { orderBy: { at: "asc" }, include: { actor: { select: { name: true } } } },
      messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 100 },
    },
  });
  if (!row) throw notFound();
  return { ...toChargeDto(row), timeline: row.events.map(toTimelineDto), messages: row.messages.map(toMessageDto), reminder: await getReminderPlan({ chargeId: row.id, db }) };
}
