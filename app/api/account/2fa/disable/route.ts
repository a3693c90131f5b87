import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { disableTotp } from "@/lib/auth/two-factor";

// POST /api/account/2fa/disable { code } – turn TOTP off (only while REQUIRE_2FA is false)
export const POST = withApiHandler(async ({ req, user }) => {
  await disableTotp({ actor: user, input: await req.json().catch(() => null), ctx: auditContextFrom(req.headers) });
  return new NextResponse(null, { status: 204 });
});
