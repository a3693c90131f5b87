import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { listCharges, listChargesQuery } from "@/lib/charges/list-charges";
import { parseInput } from "@/lib/errors";
import { filterParamsOf } from "@/lib/charges/filters";
import { chargesEtag, getChangeVersion, getChargeCounts } from "@/lib/charges/counts";
import { createCharge } from "@/lib/charges/create-charge";
import { CAN } from "@/lib/auth/types";
import { keyTranslator } from "@/lib/i18n/translate-key";

export const dynamic = "force-dynamic";

// GET /api/charges – list charges, newest first (or `sort=deadline`: soonest deadline first), keyset-paginated; `counts=1` adds the per-tab counts.
// Conditional: the answer carries an ETag of the charges' change version; a request with that
// ETag in If-None-Match gets 304, read from the kept-current totals without touching the charges.
export const GET = withApiHandler(async ({ req }) => {
  const sp = req.nextUrl.searchParams;
  const query = { status: sp.get("status") ?? undefined, sort: sp.get("sort") ?? undefined, q: sp.get("q") ?? undefined, limit: sp.get("limit") ?? undefined, cursor: sp.get("cursor") ?? undefined, ...filterParamsOf(sp) };
  // Read before the rows: a change committed in between makes the next poll fetch again.
  const etag = chargesEtag(await getChangeVersion());
  const headers = { "Cache-Control": "no-store", ETag: etag };
  if (req.headers.get("if-none-match") === etag) return new NextResponse(null, { status: 304, headers });
  // The list page's poll asks for both in one request, so the tabs follow without a second fetch.
  const page = await listCharges({ query });
  const body = sp.get("counts") === "1" ? { ...page, counts: await getChargeCounts({ q: query.q, filters: parseInput(listChargesQuery, query) }) } : page;
  return NextResponse.json(body, { headers });
});

// POST /api/charges – create a konbini charge (idempotent per idempotencyKey)
export const POST = withApiHandler(
  async ({ req, user, locale }) => {
    const input: unknown = await req.json().catch(() => null);
    const result = await createCharge({ actor: user, input, audit: auditContextFrom(req.headers) });
    const t = keyTranslator(locale);
    const warnings = result.warnings.map((w) => t(w));
    return NextResponse.json({ ...result.charge, warnings }, { status: result.replayed ? 200 : 201 });
  },
  { roles: CAN.createCharge },
);
