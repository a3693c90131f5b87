-- AlterTable
ALTER TABLE "Charge" ADD COLUMN     "paymentCode" TEXT;
