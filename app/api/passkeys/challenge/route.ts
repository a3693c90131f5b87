import { NextResponse } from "next/server";
import { withPublicApiHandler } from "@/lib/api/handler";
import { clientIp } from "@/lib/http/client-ip";
import { checkLimit, consumeLimit, LIMITS } from "@/lib/auth/throttle";
import { startPasskeySignIn } from "@/lib/auth/passkeys";
import { AppError } from "@/lib/errors";

// POST /api/passkeys/challenge – sign-in page (not signed in yet): WebAuthn options → { challengeId, options }.
// Anyone may ask, and each answer stores a challenge row, so each client address gets
// LIMITS.passkeyChallenge of them a minute; more answer 429 with Retry-After.
export const POST = withPublicApiHandler(async ({ req }) => {
  const key = clientIp(req.headers) ?? "unknown";
  const gate = await checkLimit("passkeyChallenge", key);
  if (!gate.allowed) {
    throw new AppError("rate_limited", "err.passkey_challenge_throttled", { retryAfterSeconds: gate.retryAfterSeconds, params: { seconds: gate.retryAfterSeconds, limit: LIMITS.passkeyChallenge.points } });
  }
  await consumeLimit("passkeyChallenge", key);
  return NextResponse.json(await startPasskeySignIn());
});
