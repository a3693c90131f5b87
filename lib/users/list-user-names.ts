import "server-only";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type UserName = { id: string; name: string };

/**
 * Everyone who may have created a charge, for the list's "created by" filter: names only (the
 * list shows them on every row already). Any signed-in role may read; the caller checked the session.
 */
export async function listUserNames(): Promise<UserName[]> {
  // Read on every list page: straight to the pg pool (lib/db.ts readRows).
  return readRows<UserName>(Prisma.sql`SELECT "id", "name" FROM "User" ORDER BY "name", "id" LIMIT 500`, { prepare: true });
}
