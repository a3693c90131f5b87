import "server-only";
import { getDb } from "@/lib/db";
import { getOmise } from "@/lib/omise";
import { rejectionStats } from "@/lib/webhooks/rejections";
import { DAY_MS } from "@/lib/time/jst";

export type WebhookHealth = {
  lastEventAt: string | null;
  lastEventKey: string | null;
  eventsLast24h: number;
  unprocessed: number;
  oldestUnprocessedAt: string | null;
  rejected: { count: number; last: { at: string; reason: string } | null };
  lastRun: {
    startedAt: string;
    finishedAt: string | null;
    trigger: string;
    eventsSeen: number;
    eventsProcessed: number;
    chargesChecked: number;
    chargesChanged: number;
    attemptsResolved: number;
    error: string | null;
  } | null;
  omise: { state: string; lastSuccessAt: string | null; retryAt: string | null };
};

/** The webhook panel on /health. Any signed-in role may read; the caller checked the session. */
export async function getWebhookHealth(): Promise<WebhookHealth> {
  const db = await getDb();
  const since = new Date(Date.now() - DAY_MS);
  const [last, count24, unprocessed, oldest, run] = await Promise.all([
    db.webhookEvent.findFirst({ orderBy: { receivedAt: "desc" }, select: { receivedAt: true, key: true } }),
    db.webhookEvent.count({ where: { receivedAt: { gte: since } } }),
    db.webhookEvent.count({ where: { processedAt: null } }),
    db.webhookEvent.findFirst({ where: { processedAt: null }, orderBy: { receivedAt: "asc" }, select: { receivedAt: true } }),
    db.reconcileRun.findFirst({ orderBy: { startedAt: "desc" } }),
  ]);
  const breaker = getOmise().breaker.status();
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  return {
    lastEventAt: iso(last?.receivedAt),
    lastEventKey: last?.key ?? null,
    eventsLast24h: count24,
    unprocessed,
    oldestUnprocessedAt: iso(oldest?.receivedAt),
    rejected: rejectionStats(),
    lastRun: run && {
      startedAt: run.startedAt.toISOString(),
      finishedAt: iso(run.finishedAt),
      trigger: run.trigger,
      eventsSeen: run.eventsSeen,
      eventsProcessed: run.eventsProcessed,
      chargesChecked: run.chargesChecked,
      chargesChanged: run.chargesChanged,
      attemptsResolved: run.attemptsResolved,
      error: run.error,
    },
    omise: { state: breaker.state, lastSuccessAt: iso(breaker.lastSuccessAt), retryAt: iso(breaker.retryAt) },
  };
}
