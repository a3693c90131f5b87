-- DropIndex
DROP INDEX "WebhookEvent_receivedAt_idx";

-- CreateIndex
CREATE INDEX "WebhookEvent_receivedAt_id_idx" ON "WebhookEvent"("receivedAt", "id");


-- The /webhooks state filters (lib/webhooks/list-events.ts), each a partial index in the
-- list's key order, so a page of a rare state among a million events is one index range scan.
-- Their predicates match the list's WHERE clauses exactly; the states do not overlap.
CREATE INDEX "WebhookEvent_unprocessed_idx" ON "WebhookEvent"("receivedAt", "id") WHERE "processedAt" IS NULL AND "error" IS NULL;
CREATE INDEX "WebhookEvent_failed_idx" ON "WebhookEvent"("receivedAt", "id") WHERE "processedAt" IS NULL AND "error" IS NOT NULL;
CREATE INDEX "WebhookEvent_processed_idx" ON "WebhookEvent"("receivedAt", "id") WHERE "processedAt" IS NOT NULL;
