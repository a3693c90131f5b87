import "server-only";
import type { OmiseClient } from "@/lib/omise/client";
import type { OmiseCharge } from "@/lib/omise/schemas";
import { OmiseTransportError } from "@/lib/omise/errors";

/**
 * Look for the Omise charge carrying our reference, created since `since`.
 * "Not found" allows a new create, so it is only said when every listed charge
 * could be read; an unreadable one might be ours, and then this throws.
 */
export async function findChargeByReference(omise: OmiseClient, reference: string, since: Date): Promise<OmiseCharge | null> {
  const from = new Date(since.getTime() - 5 * 60_000).toISOString();
  let unreadable = 0;
  for (let offset = 0; offset < 1000; offset += 100) {
    // Newest first: the charge we look for was made moments ago.
    const page = await omise.listCharges({ from, offset, limit: 100, order: "reverse_chronological" });
    const hit = page.data.find((c) => c.metadata.reference === reference);
    if (hit) return hit;
    unreadable += page.skipped.length;
    const listed = page.data.length + page.skipped.length;
    if (offset + listed >= page.total || listed === 0) break;
  }
  if (unreadable > 0) throw new OmiseTransportError("bad_response", `GET /charges: ${unreadable} unreadable charge(s); ${reference} may be among them`);
  return null;
}
