import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { expireCharge } from "@/lib/charges/expire-charge";
import { CAN } from "@/lib/auth/types";

// POST /api/charges/:id/expire – cancel a pending charge at Omise
export const POST = withApiHandler<{ id: string }>(
  async ({ req, user, params }) => {
    const input: unknown = await req.json().catch(() => ({})); // no body: no reason
    return NextResponse.json(await expireCharge({ actor: user, id: params.id, input, audit: auditContextFrom(req.headers) }));
  },
  { roles: CAN.expireCharge },
);
