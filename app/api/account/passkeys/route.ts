import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { finishPasskeyRegistration } from "@/lib/auth/passkeys";

// POST /api/account/passkeys { challengeId, name, response } – store a new passkey
export const POST = withApiHandler(
  async ({ req, user }) =>
    NextResponse.json(await finishPasskeyRegistration({ actor: user, input: await req.json().catch(() => null), ctx: auditContextFrom(req.headers) }), {
      status: 201,
    }),
  { allowWithout2fa: true },
);
