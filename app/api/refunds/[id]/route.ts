import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { CAN } from "@/lib/auth/types";
import { updateRefund } from "@/lib/refunds/update-refund";

// PATCH /api/refunds/:id – `{ "state": "transferred" | "cancelled" }` (transferred: admins only)
export const PATCH = withApiHandler<{ id: string }>(
  async ({ req, user, params }) => {
    const input: unknown = await req.json().catch(() => null);
    return NextResponse.json(await updateRefund({ actor: user, id: params.id, input, audit: auditContextFrom(req.headers) }));
  },
  { roles: CAN.cancelRefund },
);
