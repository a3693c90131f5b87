import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { revokeAllMySessions } from "@/lib/auth/sessions";

// POST /api/account/sessions/revoke-all – "sign out everywhere", this session included
export const POST = withApiHandler(async ({ req, user }) => NextResponse.json(await revokeAllMySessions({ actor: user, headers: req.headers })), {
  allowPasswordChangeRequired: true,
});
