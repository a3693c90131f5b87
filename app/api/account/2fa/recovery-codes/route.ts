import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { regenerateRecoveryCodes } from "@/lib/auth/two-factor";

// POST /api/account/2fa/recovery-codes { code } – ten new recovery codes; the old ones stop working
export const POST = withApiHandler(async ({ req, user }) =>
  NextResponse.json(await regenerateRecoveryCodes({ actor: user, input: await req.json().catch(() => null), ctx: auditContextFrom(req.headers) })),
);
