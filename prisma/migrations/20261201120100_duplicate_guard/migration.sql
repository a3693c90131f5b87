-- CreateIndex
CREATE INDEX "Charge_customerPhone_amount_createdAt_idx" ON "Charge"("customerPhone", "amount", "createdAt");

-- CreateIndex
CREATE INDEX "Charge_customerEmail_amount_createdAt_idx" ON "Charge"("customerEmail", "amount", "createdAt");
