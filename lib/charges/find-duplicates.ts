import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DAY_MS } from "@/lib/time/jst";
import { chargeInclude, toChargeDto, type ChargeDto } from "@/lib/charges/dto";
import type { CreateChargeInput } from "@/lib/charges/validation";

// Enough for staff to recognise the earlier call; more would only repeat the same warning.
const MAX_SHOWN = 5;

/**
 * Pending charges made in the last 24 hours for the same phone or the same email
 * with the same amount: most likely the same order taken twice. Each branch of
 * the OR is served by its own index, (customerPhone, amount, createdAt) and
 * (customerEmail, amount, createdAt), so the lookup stays a few index reads
 * however many charges there are (prisma/migrations/20261201120100_duplicate_guard).
 */
export async function findDuplicates(
  db: Db,
  input: Pick<CreateChargeInput, "amount" | "customerPhone" | "customerEmail">,
  now: Date,
): Promise<ChargeDto[]> {
  const rows = await db.charge.findMany({
    where: {
      status: "pending",
      amount: input.amount,
      createdAt: { gt: new Date(now.getTime() - DAY_MS) },
      OR: [{ customerPhone: input.customerPhone }, { customerEmail: input.customerEmail }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_SHOWN,
    include: chargeInclude,
  });
  return rows.map(toChargeDto);
}

/**
 * The 409 a request without `confirmDuplicate` gets when there are likely repeats.
 * `isRetry` is asked only then, and after the lookup: an attempt row is written before
 * its charge, so a charge seen here that came from this very request (a retry racing
 * the first try) always finds its attempt.
 */
export async function guardAgainstDuplicates(db: Db, input: CreateChargeInput, now: Date, isRetry: () => Promise<boolean>): Promise<void> {
  if (input.confirmDuplicate) return;
  const duplicates = await findDuplicates(db, input, now);
  if (duplicates.length && !(await isRetry())) throw new AppError("duplicate_suspected", "err.duplicate_suspected", { duplicates });
}
