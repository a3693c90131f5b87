import "server-only";
import { getDb, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { withAdvisoryLock } from "@/lib/reconcile/with-lock";
import { getSettings } from "@/lib/settings/settings";
import { enqueueMessage, type MessageLocale } from "@/lib/messages/enqueue";
import { REMINDER_LEAD_MS, planReminder, reminderDedupeKey, reminderDueAt, reminderIsDue, type ReminderFacts, type ReminderPlan } from "@/lib/messages/reminder-due";

export type ReminderScan = { ran: boolean; scanned: number; queued: number };

const BATCH = 200;
type Candidate = { id: string; expiresAt: Date };

/**
 * Queue the day-before-deadline reminders whose turn has come at `now` (injectable: tests pass
 * the simulator's clock). One scan at a time across instances (advisory lock); each reminder is
 * one outbox row keyed `reminder-<chargeId>-1`, so even two scans could queue it only once. The
 * sender (lib/messages) sends it in the daytime, never after the deadline or once the charge is
 * no longer pending.
 */
export async function scheduleReminders(opts: { now?: Date; batchSize?: number } = {}): Promise<ReminderScan> {
  const now = opts.now ?? new Date();
  const db = await getDb();
  if (!(await getSettings(db)).remindersEnabled) return { ran: true, scanned: 0, queued: 0 };
  const locked = await withAdvisoryLock("reminderLock", () => scanReminders(db, now, opts.batchSize ?? BATCH));
  return locked.ran ? { ran: true, ...locked.result } : { ran: false, scanned: 0, queued: 0 };
}

/**
 * Pending charges whose deadline is within the next 24 hours (a reminder is due only then), in
 * deadline order, one keyset page at a time: a range scan on the (status, expiresAt, id) index.
 */
export function reminderCandidatesSql(now: Date, after: Candidate | null, take: number): Prisma.Sql {
  const from = after ? Prisma.sql`AND ("expiresAt", "id") > (${after.expiresAt}::timestamptz, ${after.id})` : Prisma.empty;
  return Prisma.sql`SELECT c."id", c."expiresAt" FROM "Charge" c
    WHERE c."status" = 'pending' AND c."expiresAt" > ${now}::timestamptz
      AND c."expiresAt" <= ${new Date(now.getTime() + REMINDER_LEAD_MS)}::timestamptz ${from}
      AND c."remindersEnabled"
      AND NOT EXISTS (SELECT 1 FROM "OutboundMessage" m WHERE m."dedupeKey" = 'reminder-' || c."id" || '-1')
    ORDER BY c."expiresAt", c."id" LIMIT ${take}`;
}

/** The scan itself, without the lock (exported so a test can run two at once, as two instances would without it). */
export async function scanReminders(db: Db, now: Date, take = BATCH): Promise<{ scanned: number; queued: number }> {
  let scanned = 0;
  let queued = 0;
  let after: Candidate | null = null;
  for (;;) {
    const batch: Candidate[] = await db.$queryRaw<Candidate[]>(reminderCandidatesSql(now, after, take));
    for (const c of batch) {
      scanned++;
      if (await queueIfDue(db, c.id, now)) queued++;
    }
    if (batch.length < take) return { scanned, queued };
    after = batch.at(-1) ?? null;
  }
}

/** Re-check one charge under its row lock (a staff member may be turning reminders off) and queue it. */
async function queueIfDue(db: Db, chargeId: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [charge] = await tx.$queryRaw<{ id: string; customerEmail: string }[]>`SELECT "id", "customerEmail" FROM "Charge" WHERE "id" = ${chargeId} FOR UPDATE`;
    if (!charge?.customerEmail) return false;
    const facts = await reminderFacts(tx, chargeId);
    if (!facts || !reminderIsDue(facts, now) || !facts.expiresAt) return false;
    const due = reminderDueAt(facts.expiresAt);
    if (!due) return false;
    // No reminder row yet (reminderIsDue says planned), and every writer of this key holds the
    // charge's row lock: this one is new.
    await enqueueMessage(tx, {
      chargeId,
      kind: "reminder",
      locale: await lastLinkLocale(tx, chargeId),
      toAddress: charge.customerEmail,
      dedupeKey: reminderDedupeKey(chargeId),
      notBefore: due,
      notAfter: facts.expiresAt,
      onlyWhilePending: true,
      daytimeOnly: true,
      createdById: null,
    });
    return true;
  });
}

type Tx = Prisma.TransactionClient | Db;

/** The facts planReminder looks at, for one charge (null if there is no such charge). */
async function reminderFacts(db: Tx, chargeId: string): Promise<ReminderFacts | null> {
  const charge = await db.charge.findUnique({
    where: { id: chargeId },
    select: { status: true, remindersEnabled: true, expiresAt: true, createdAt: true },
  });
  if (!charge) return null;
  const dedupeKey = reminderDedupeKey(chargeId);
  // One after another: inside a transaction they share one connection anyway.
  const settings = await getSettings(db);
  const activeMessages = await db.outboundMessage.count({ where: { chargeId, state: { notIn: ["cancelled", "failed"] }, dedupeKey: { not: dedupeKey } } });
  const reminder = await db.outboundMessage.findUnique({ where: { dedupeKey }, select: { state: true, notBefore: true, sentAt: true } });
  return { ...charge, merchantEnabled: settings.remindersEnabled, activeMessages, reminder };
}

/** The customer's language as staff last chose it for the link email; Japanese if none was sent. */
async function lastLinkLocale(db: Tx, chargeId: string): Promise<MessageLocale> {
  const last = await db.outboundMessage.findFirst({ where: { chargeId, kind: "link" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { locale: true } });
  return last?.locale === "en" ? "en" : "ja";
}

/** What the charge page says about the reminder. */
export async function getReminderPlan(opts: { chargeId: string; db?: Db }): Promise<ReminderPlan> {
  const facts = await reminderFacts(opts.db ?? (await getDb()), opts.chargeId);
  return facts ? planReminder(facts) : { state: "not_pending" };
}
