import { withApiHandler } from "@/lib/api/handler";
import { readResponse } from "@/lib/api/read-response";
import { chargeCountsAnswer } from "@/lib/api/read-answers";
import { getChangeVersion } from "@/lib/charges/counts";

export const dynamic = "force-dynamic";

// GET /api/charges/counts?q=&from=&to=&staff=… – { pending, successful, expired, failed, all } for the list's filters
// (`capped: true` when a text search matched more than lib/charges/counts.ts SEARCH_COUNT_CAP).
// server.mjs answers it on its lean listener (lib/http/lean-reads.ts) with the same answer.
export const GET = withApiHandler(async ({ req }) =>
  readResponse(await chargeCountsAnswer({ params: req.nextUrl.searchParams, ifNoneMatch: req.headers.get("if-none-match"), readVersion: getChangeVersion })),
);
