import { Prisma } from "@/lib/generated/prisma/client";
import { isChargeStatus } from "@/lib/charges/status";

// The parts of a keyset page's statement written in as literals rather than bound: its size and
// its status tab. A prepared page statement (lib/db.ts readRows) then has only the cursor left
// as parameters, and PostgreSQL's plan for it, made once, is the plan for the values it runs
// with: a LIMIT it cannot see is planned as a tenth of the table (a sort over 100,000 rows).
// Each comes from a checked set, never from the caller's text.

/** `LIMIT n` for a page of n rows: a whole number from 1 to 100,000, or a throw. */
export function limitSql(take: number): Prisma.Sql {
  if (!Number.isSafeInteger(take) || take < 1 || take > 100_000) throw new Error(`a page takes 1 to 100000 rows, not ${take}`);
  return Prisma.raw(`LIMIT ${take}`);
}

/** `AND "status" = '<status>'` for a status tab (none for all), or a throw for anything but a charge status. */
export function statusSql(status: string | null): Prisma.Sql {
  if (status === null) return Prisma.empty;
  if (!isChargeStatus(status)) throw new Error(`not a charge status: ${JSON.stringify(status)}`);
  return Prisma.raw(`AND "status" = '${status}'`);
}
