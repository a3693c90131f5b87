-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedView_shared_idx" ON "SavedView"("shared");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_ownerId_name_key" ON "SavedView"("ownerId", "name");

-- CreateIndex
CREATE INDEX "Charge_createdById_createdAt_id_idx" ON "Charge"("createdById", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Charge_createdById_status_createdAt_id_idx" ON "Charge"("createdById", "status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Charge_createdById_expiresAt_id_idx" ON "Charge"("createdById", "expiresAt", "id");

-- CreateIndex
CREATE INDEX "Charge_expiresAt_id_idx" ON "Charge"("expiresAt", "id");

-- CreateIndex
CREATE INDEX "Charge_amount_createdAt_id_idx" ON "Charge"("amount", "createdAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Tab counts under a staff filter read that member's rows of the kept-current daily counts
-- (lib/charges/counts.ts); a created-day range alone uses the primary key's leading "day".
CREATE INDEX "ChargeCountDaily_createdById_day_idx" ON "ChargeCountDaily"("createdById", "day");
