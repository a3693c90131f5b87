import "server-only";
import { getDb } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { chargeToFetch, processStoredEvents } from "@/lib/webhooks/process-stored-event";
import { eventState, toEventDto, type WebhookEventDto } from "@/lib/webhooks/event-dto";

export type ProcessAgainResult = { outcome: "processed" | "failed" | "already_processed"; event: WebhookEventDto };

/**
 * "Process again" on /webhooks: a stored event not yet processed goes through the same code as
 * the queue and the reconciliation (processStoredEvents: re-fetch the charge, apply a
 * forward-only change). A processed event is left as it is, so a second request changes nothing.
 * Every request is audited, with the state before and after.
 */
export async function processEventAgain(opts: { actor: Actor; id: string; audit?: AuditContext }): Promise<ProcessAgainResult> {
  if (!can(opts.actor, "manageWebhooks")) throw new AppError("forbidden", "err.forbidden");
  const db = await getDb();
  const row = await db.webhookEvent.findUnique({ where: { id: opts.id } });
  if (!row) throw notFound();
  const before = eventState(row);
  let after = row;
  if (before !== "processed") {
    await processStoredEvents([row.id], chargeToFetch(row.key, row.chargeId));
    after = await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } });
  }
  const event = toEventDto(after);
  const outcome = before === "processed" ? "already_processed" : event.state === "processed" ? "processed" : "failed";
  await recordAudit(
    db,
    {
      action: "webhook.process",
      actorId: opts.actor.id,
      actorEmail: opts.actor.email,
      targetType: "webhook_event",
      targetId: row.id,
      detail: { key: row.key, chargeId: row.chargeId, before, after: event.state, outcome, error: event.error },
    },
    opts.audit,
  );
  return { outcome, event };
}
