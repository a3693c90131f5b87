-- AlterTable
ALTER TABLE "Charge" ADD COLUMN     "refundedAmount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Refund" (
    "id" TEXT NOT NULL,
    "chargeId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'requested',
    "sealedBank" TEXT NOT NULL,
    "bankCode" CHAR(4) NOT NULL,
    "branchCode" CHAR(3) NOT NULL,
    "accountType" TEXT NOT NULL,
    "accountLast3" CHAR(3) NOT NULL,
    "holderMasked" TEXT NOT NULL,
    "reason" TEXT,
    "idempotencyKey" TEXT,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "transferredById" TEXT,
    "transferredAt" TIMESTAMPTZ(3),
    "cancelledById" TEXT,
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Refund_chargeId_requestedAt_idx" ON "Refund"("chargeId", "requestedAt");

-- CreateIndex
CREATE INDEX "Refund_state_transferredAt_idx" ON "Refund"("state", "transferredAt");

-- CreateIndex
CREATE INDEX "Refund_state_requestedAt_idx" ON "Refund"("state", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Refund_requestedById_idempotencyKey_key" ON "Refund"("requestedById", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_chargeId_fkey" FOREIGN KEY ("chargeId") REFERENCES "Charge"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_transferredById_fkey" FOREIGN KEY ("transferredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_cancelledById_fkey" FOREIGN KEY ("cancelledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
