import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { startPasskeyRegistration } from "@/lib/auth/passkeys";

// POST /api/account/passkeys/options { password } – WebAuthn registration options → { challengeId, options }
export const POST = withApiHandler(
  async ({ req, user }) => NextResponse.json(await startPasskeyRegistration({ actor: user, input: await req.json().catch(() => null) })),
  { allowWithout2fa: true },
);
