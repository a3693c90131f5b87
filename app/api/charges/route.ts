import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { readResponse } from "@/lib/api/read-response";
import { chargeListAnswer } from "@/lib/api/read-answers";
import { getChangeVersion } from "@/lib/charges/counts";
import { createCharge } from "@/lib/charges/create-charge";
import { CAN } from "@/lib/auth/types";
import { keyTranslator } from "@/lib/i18n/translate-key";

export const dynamic = "force-dynamic";

// GET /api/charges – list charges, newest first (or `sort=deadline`: soonest deadline first), keyset-paginated; `counts=1` adds the per-tab counts.
// Conditional: the answer carries an ETag of the charges' change version; a request with that
// ETag in If-None-Match gets 304, read from the kept-current totals without touching the charges.
// server.mjs answers GET on its lean listener (lib/http/lean-reads.ts) with the same answer (lib/api/read-answers.ts).
export const GET = withApiHandler(async ({ req }) =>
  readResponse(await chargeListAnswer({ params: req.nextUrl.searchParams, ifNoneMatch: req.headers.get("if-none-match"), readVersion: getChangeVersion })),
);

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
