import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { CAN } from "@/lib/auth/types";
import { revealRefund } from "@/lib/refunds/reveal-refund";

// POST /api/refunds/:id/reveal – the full bank details for the admin making the transfer (audited)
export const POST = withApiHandler<{ id: string }>(
  async ({ req, user, params }) => NextResponse.json(await revealRefund({ actor: user, id: params.id, audit: auditContextFrom(req.headers) })),
  { roles: CAN.revealRefund },
);
