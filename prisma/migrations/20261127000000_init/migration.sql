-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'staff', 'viewer');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'staff',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChargeAttempt" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'creating',
    "chargeId" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChargeAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Charge" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "customerName" TEXT NOT NULL,
    "customerEmail" TEXT NOT NULL,
    "customerPhone" TEXT NOT NULL,
    "description" TEXT,
    "authorizeUri" TEXT,
    "livemode" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" TIMESTAMPTZ(3),
    "paidAt" TIMESTAMPTZ(3),
    "expiredAt" TIMESTAMPTZ(3),
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "createdById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "lastSyncedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Charge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChargeEvent" (
    "id" TEXT NOT NULL,
    "chargeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "actorId" TEXT,
    "detail" TEXT,
    "omiseEventId" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChargeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "chargeId" TEXT,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ChargeAttempt_reference_key" ON "ChargeAttempt"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "ChargeAttempt_chargeId_key" ON "ChargeAttempt"("chargeId");

-- CreateIndex
CREATE UNIQUE INDEX "ChargeAttempt_userId_idempotencyKey_key" ON "ChargeAttempt"("userId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Charge_reference_key" ON "Charge"("reference");

-- CreateIndex
CREATE INDEX "Charge_status_createdAt_id_idx" ON "Charge"("status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Charge_createdAt_id_idx" ON "Charge"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ChargeEvent_chargeId_at_idx" ON "ChargeEvent"("chargeId", "at");

-- CreateIndex
CREATE INDEX "WebhookEvent_receivedAt_idx" ON "WebhookEvent"("receivedAt");

-- AddForeignKey
ALTER TABLE "ChargeAttempt" ADD CONSTRAINT "ChargeAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChargeEvent" ADD CONSTRAINT "ChargeEvent_chargeId_fkey" FOREIGN KEY ("chargeId") REFERENCES "Charge"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChargeEvent" ADD CONSTRAINT "ChargeEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Guards the application relies on, enforced by the database itself.
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_amount_positive" CHECK ("amount" > 0);
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_status_known"
  CHECK ("status" IN ('pending', 'successful', 'failed', 'expired', 'reversed'));

-- A charge's status only moves forward: a terminal status never returns to
-- pending, and only a successful charge may become reversed. (The body is an
-- E-string with \073 for semicolons: the migration runner splits on them.)
CREATE FUNCTION charge_status_forward_only() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF NEW."status" <> OLD."status" AND NOT (
       OLD."status" = ''pending''
    OR (OLD."status" = ''successful'' AND NEW."status" = ''reversed'')
  ) THEN
    RAISE EXCEPTION ''charge % status cannot move from % to %'', OLD."id", OLD."status", NEW."status"
      USING ERRCODE = ''check_violation''\073
  END IF\073
  RETURN NEW\073
END\073
';

CREATE TRIGGER "Charge_status_forward_only"
  BEFORE UPDATE OF "status" ON "Charge"
  FOR EACH ROW EXECUTE FUNCTION charge_status_forward_only();
