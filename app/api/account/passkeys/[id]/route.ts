import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { removePasskey } from "@/lib/auth/passkeys";

// DELETE /api/account/passkeys/:id – remove one of one's own passkeys
export const DELETE = withApiHandler<{ id: string }>(async ({ req, user, params }) => {
  await removePasskey({ actor: user, id: params.id, ctx: auditContextFrom(req.headers) });
  return new NextResponse(null, { status: 204 });
});
