import "server-only";
import { readRows } from "@/lib/db";
import { Prisma, type OutboundMessage } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { planReminder, reminderDedupeKey } from "@/lib/messages/reminder-due";
import { settingsOf } from "@/lib/settings/settings";
import { CHARGE_DTO_COLUMNS, chargeDtoOf, toTimelineDto, type ChargeDetailDto, type ChargeDtoRow } from "@/lib/charges/dto";
import { toMessageDto } from "@/lib/messages/dto";

const COLUMNS = Prisma.raw(CHARGE_DTO_COLUMNS.map((c) => `c."${c}"`).join(", "));

type ChargeRow = Omit<ChargeDtoRow, "createdBy"> & { createdById: string; createdByName: string; createdByEmail: string };
type EventRow = Parameters<typeof toTimelineDto>[0] extends infer E ? Omit<E, "actor"> & { actorName: string | null } : never;
type ReminderRow = { activeMessages: number; state: string | null; notBefore: Date | null; sentAt: Date | null };

// Prepared (lib/db.ts readRows): by primary key or a unique key, with the columns named. The
// events' and messages' `*` reads are not: a prepared `SELECT *` fails once a migration adds a column.
const PREPARED = { prepare: true } as const;

/**
 * One charge with its timeline, its messages and what its page says about the reminder. Any
 * signed-in role may read; the caller checked the session. Four statements at once, straight
 * through the pg pool (lib/db.ts readRows): the page's hot path skips Prisma's query compiler,
 * which was a sixth of the detail page's CPU.
 */
export async function getCharge(opts: { id: string }): Promise<ChargeDetailDto> {
  const id = opts.id;
  const dedupeKey = reminderDedupeKey(id);
  const [[charge], events, messages, [reminder], settings] = await Promise.all([
    readRows<ChargeRow>(Prisma.sql`SELECT ${COLUMNS}, c."createdById", u."name" AS "createdByName", u."email" AS "createdByEmail"
      FROM "Charge" c JOIN "User" u ON u."id" = c."createdById" WHERE c."id" = ${id}`, PREPARED),
    readRows<EventRow>(Prisma.sql`SELECT e.*, a."name" AS "actorName" FROM "ChargeEvent" e LEFT JOIN "User" a ON a."id" = e."actorId"
      WHERE e."chargeId" = ${id} ORDER BY e."at" ASC`),
    readRows<OutboundMessage>(Prisma.sql`SELECT * FROM "OutboundMessage" WHERE "chargeId" = ${id} ORDER BY "createdAt" ASC, "id" ASC LIMIT 100`),
    // The facts planReminder looks at (lib/messages/reminders.ts reminderFacts, there inside the scan's transaction).
    readRows<ReminderRow>(Prisma.sql`SELECT
        (SELECT count(*)::int FROM "OutboundMessage" m WHERE m."chargeId" = ${id} AND m."state" NOT IN ('cancelled', 'failed') AND m."dedupeKey" <> ${dedupeKey}) AS "activeMessages",
        r."state", r."notBefore", r."sentAt"
      FROM (SELECT 1) one LEFT JOIN "OutboundMessage" r ON r."dedupeKey" = ${dedupeKey}`, PREPARED),
    readRows<{ key: string; value: unknown }>(Prisma.sql`SELECT "key", "value" FROM "Setting"`, PREPARED).then(settingsOf),
  ]);
  if (!charge) throw notFound();
  const { createdById, createdByName, createdByEmail, ...row } = charge;
  const plan = planReminder({
    status: row.status,
    remindersEnabled: row.remindersEnabled,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    merchantEnabled: settings.remindersEnabled,
    activeMessages: Number(reminder?.activeMessages ?? 0),
    reminder: reminder?.state && reminder.notBefore ? { state: reminder.state, notBefore: reminder.notBefore, sentAt: reminder.sentAt } : null,
  });
  return {
    ...chargeDtoOf(row, { id: createdById, name: createdByName, email: createdByEmail }),
    timeline: events.map(({ actorName, ...e }) => toTimelineDto({ ...e, actor: actorName === null ? null : { name: actorName } })),
    messages: messages.map(toMessageDto),
    reminder: plan,
  };
}
