import "server-only";
import { getDb } from "@/lib/db";

export type UserName = { id: string; name: string };

/**
 * Everyone who may have created a charge, for the list's "created by" filter: names only (the
 * list shows them on every row already). Any signed-in role may read; the caller checked the session.
 */
export async function listUserNames(): Promise<UserName[]> {
  const db = await getDb();
  return db.user.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 500 });
}
