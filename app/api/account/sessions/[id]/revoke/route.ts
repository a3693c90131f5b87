import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { revokeMySession } from "@/lib/auth/sessions";

// POST /api/account/sessions/:id/revoke – end one of one's own sessions
export const POST = withApiHandler<{ id: string }>(async ({ req, user, params }) =>
  NextResponse.json(await revokeMySession({ actor: user, id: params.id, headers: req.headers })),
);
