import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { getTwoFactorStatus, startTotpEnrolment } from "@/lib/auth/two-factor";

// GET /api/account/2fa – the signed-in user's second factors
export const GET = withApiHandler(async ({ user }) => NextResponse.json(await getTwoFactorStatus({ actor: user })), { allowWithout2fa: true });

// POST /api/account/2fa { password } – start TOTP enrolment → { secret, otpauthUri } (not enabled until confirmed)
export const POST = withApiHandler(
  async ({ req, user }) => NextResponse.json(await startTotpEnrolment({ actor: user, input: await req.json().catch(() => null) })),
  { allowWithout2fa: true },
);
