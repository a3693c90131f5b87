import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { confirmTotpEnrolment } from "@/lib/auth/two-factor";

// POST /api/account/2fa/confirm { code } – turn the pending TOTP on → { recoveryCodes } (shown once)
export const POST = withApiHandler(
  async ({ req, user }) =>
    NextResponse.json(await confirmTotpEnrolment({ actor: user, input: await req.json().catch(() => null), ctx: auditContextFrom(req.headers) })),
  { allowWithout2fa: true },
);
