import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { chargesEtag, getChangeVersion, getChargeCounts } from "@/lib/charges/counts";
import { parseInput } from "@/lib/errors";
import { listChargesQuery } from "@/lib/charges/list-charges";
import { filterParamsOf } from "@/lib/charges/filters";

export const dynamic = "force-dynamic";

// GET /api/charges/counts?q=&from=&to=&staff=… – { pending, successful, expired, failed, all } for the list's filters
// (`capped: true` when a search, amount or deadline filter matched more than lib/charges/counts.ts SEARCH_COUNT_CAP).
export const GET = withApiHandler(async ({ req }) => {
  const sp = req.nextUrl.searchParams;
  const query = parseInput(listChargesQuery, { status: sp.get("status") ?? undefined, q: sp.get("q") ?? undefined, ...filterParamsOf(sp) });
  const etag = chargesEtag(await getChangeVersion());
  const headers = { "Cache-Control": "no-store", ETag: etag };
  if (req.headers.get("if-none-match") === etag) return new NextResponse(null, { status: 304, headers });
  return NextResponse.json(await getChargeCounts({ q: query.q, filters: query }), { headers });
});
