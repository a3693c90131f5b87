import "server-only";
import type { OmiseClient } from "@/lib/omise/client";
import type { OmiseCharge } from "@/lib/omise/schemas";

/** Look for the Omise charge carrying our reference, created since `since`. */
export async function findChargeByReference(omise: OmiseClient, reference: string, since: Date): Promise<OmiseCharge | null> {
  const from = new Date(since.getTime() - 5 * 60_000).toISOString();
  for (let offset = 0; offset < 1000; offset += 100) {
    // Newest first: the charge we look for was made moments ago.
    const page = await omise.listCharges({ from, offset, limit: 100, order: "reverse_chronological" });
    const hit = page.data.find((c) => c.metadata.reference === reference);
    if (hit) return hit;
    if (offset + page.data.length >= page.total || page.data.length === 0) return null;
  }
  return null;
}
