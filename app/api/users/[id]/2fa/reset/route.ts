import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { resetTwoFactor } from "@/lib/auth/two-factor";
import { CAN } from "@/lib/auth/types";

// POST /api/users/:id/2fa/reset { reason } – remove a user's second factors and end their sessions (admin only)
export const POST = withApiHandler<{ id: string }>(
  async ({ req, user, params }) => {
    await resetTwoFactor({ actor: user, id: params.id, input: await req.json().catch(() => null), ctx: auditContextFrom(req.headers) });
    return new NextResponse(null, { status: 204 });
  },
  { roles: CAN.manageUsers },
);
