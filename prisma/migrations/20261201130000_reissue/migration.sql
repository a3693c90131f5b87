-- AlterTable
ALTER TABLE "Charge" ADD COLUMN     "reissuedFromId" TEXT,
ADD COLUMN     "reissuedToId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Charge_reissuedFromId_key" ON "Charge"("reissuedFromId");

-- CreateIndex
CREATE UNIQUE INDEX "Charge_reissuedToId_key" ON "Charge"("reissuedToId");
