import "server-only";
import { listCharges, listChargesQuery } from "@/lib/charges/list-charges";
import { filterParamsOf } from "@/lib/charges/filters";
import { chargesEtag, getChargeCounts } from "@/lib/charges/counts";
import { getOverview } from "@/lib/charges/get-overview";
import { parseInput } from "@/lib/errors";

// The answers of the hot read APIs, apart from how they travel: the Next route handlers
// (app/api/charges/route.ts, app/api/charges/counts/route.ts, app/api/overview/route.ts) and the
// lean listener (lib/http/lean-reads.ts) both send these, after their own session check. So the
// two can only differ in transport, never in what they answer.

/** A JSON answer (`body` null: no body, a 304). */
export type ReadAnswer = { status: number; body: object | null; headers: Record<string, string> };

// readVersion: the charges' change version (lib/charges/counts.ts getChangeVersion), or the one the
// caller already read with the session (lib/auth/sessions.ts checkAuthSessionReading).
type Conditional = { params: URLSearchParams; ifNoneMatch: string | null; readVersion: () => Promise<string> };

/**
 * GET /api/charges – list charges, newest first (or `sort=deadline`: soonest deadline first),
 * keyset-paginated; `counts=1` adds the per-tab counts. Conditional: the answer carries an ETag of
 * the charges' change version (read before the rows: a change committed in between makes the next
 * poll fetch again); a request with that ETag in If-None-Match gets 304 without touching the charges.
 */
export async function chargeListAnswer({ params: sp, ifNoneMatch, readVersion }: Conditional): Promise<ReadAnswer> {
  const query = { status: sp.get("status") ?? undefined, sort: sp.get("sort") ?? undefined, q: sp.get("q") ?? undefined, limit: sp.get("limit") ?? undefined, cursor: sp.get("cursor") ?? undefined, ...filterParamsOf(sp) };
  const etag = chargesEtag(await readVersion());
  const headers = { "Cache-Control": "no-store", ETag: etag };
  if (ifNoneMatch === etag) return { status: 304, body: null, headers };
  // The list page's poll asks for both in one request, so the tabs follow without a second fetch.
  const page = await listCharges({ query });
  const body = sp.get("counts") === "1" ? { ...page, counts: await getChargeCounts({ q: query.q, filters: parseInput(listChargesQuery, query) }) } : page;
  return { status: 200, body, headers };
}

/**
 * GET /api/charges/counts?q=&from=&to=&staff=… – { pending, successful, expired, failed, all } for the
 * list's filters (`capped: true` when a search, amount or deadline filter matched more than
 * lib/charges/counts.ts SEARCH_COUNT_CAP).
 * The query is checked first; then the same conditional answer as the list.
 */
export async function chargeCountsAnswer({ params: sp, ifNoneMatch, readVersion }: Conditional): Promise<ReadAnswer> {
  const query = parseInput(listChargesQuery, { status: sp.get("status") ?? undefined, q: sp.get("q") ?? undefined, ...filterParamsOf(sp) });
  const etag = chargesEtag(await readVersion());
  const headers = { "Cache-Control": "no-store", ETag: etag };
  if (ifNoneMatch === etag) return { status: 304, body: null, headers };
  return { status: 200, body: await getChargeCounts({ q: query.q, filters: query }), headers };
}

/**
 * GET /api/overview – the overview's figures (pending, paid today / this month, expired this
 * month, 30 JST days of paid and expired, expiring in the next 24 hours), from the kept-current tables.
 */
export async function overviewAnswer(): Promise<ReadAnswer> {
  return { status: 200, body: await getOverview(), headers: { "Cache-Control": "no-store" } };
}
