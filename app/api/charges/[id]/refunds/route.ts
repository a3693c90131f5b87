import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { CAN } from "@/lib/auth/types";
import { createRefund } from "@/lib/refunds/create-refund";
import { listRefunds } from "@/lib/refunds/list-refunds";

export const dynamic = "force-dynamic";

// GET /api/charges/:id/refunds – the charge's refunds (masked) and its refunded totals
export const GET = withApiHandler<{ id: string }>(async ({ params }) => NextResponse.json(await listRefunds({ chargeId: params.id })));

// POST /api/charges/:id/refunds – record a bank-transfer refund request (idempotent per Idempotency-Key)
export const POST = withApiHandler<{ id: string }>(
  async ({ req, user, params }) => {
    const input: unknown = await req.json().catch(() => null);
    const { refund, replayed } = await createRefund({
      actor: user,
      chargeId: params.id,
      input,
      idempotencyKey: req.headers.get("idempotency-key"),
      audit: auditContextFrom(req.headers),
    });
    return NextResponse.json(refund, { status: 201, headers: replayed ? { "Idempotent-Replayed": "true" } : undefined });
  },
  { roles: CAN.createRefund },
);
