import { NextResponse } from "next/server";
import { withPublicApiHandler } from "@/lib/api/handler";
import { startPasskeySignIn } from "@/lib/auth/passkeys";

// POST /api/passkeys/challenge – sign-in page (not signed in yet): WebAuthn options → { challengeId, options }
export const POST = withPublicApiHandler(async () => NextResponse.json(await startPasskeySignIn()));
