import "server-only";
import { getDb } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { toEventDto, type WebhookEventDetailDto } from "@/lib/webhooks/event-dto";

/** One stored event with the payload as it was stored (admins only: payloads carry customer data). */
export async function getWebhookEvent(opts: { actor: Actor; id: string }): Promise<WebhookEventDetailDto> {
  if (!can(opts.actor, "manageWebhooks")) throw new AppError("forbidden", "err.forbidden");
  const db = await getDb();
  const row = await db.webhookEvent.findUnique({ where: { id: opts.id } });
  if (!row) throw notFound();
  return { ...toEventDto(row), payload: row.payload };
}
