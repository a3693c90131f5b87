-- CreateIndex
CREATE INDEX "Charge_status_expiresAt_id_idx" ON "Charge"("status", "expiresAt", "id");
