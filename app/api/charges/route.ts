import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { countChargesByStatus, listCharges } from "@/lib/charges/list-charges";
import { createCharge } from "@/lib/charges/create-charge";
import { CAN } from "@/lib/auth/types";
import { keyTranslator } from "@/lib/i18n/translate-key";

export const dynamic = "force-dynamic";

// GET /api/charges – list charges, newest first (or `sort=deadline`: soonest deadline first), keyset-paginated; `counts=1` adds the per-tab counts
export const GET = withApiHandler(async ({ req }) => {
  const sp = req.nextUrl.searchParams;
  const query = { status: sp.get("status") ?? undefined, sort: sp.get("sort") ?? undefined, q: sp.get("q") ?? undefined, limit: sp.get("limit") ?? undefined, cursor: sp.get("cursor") ?? undefined };
  // The list page's poll asks for both in one request, so the tabs follow without a second fetch.
  const page = await listCharges({ query });
  const body = sp.get("counts") === "1" ? { ...page, counts: await countChargesByStatus({ q: query.q }) } : page;
  return NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
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
