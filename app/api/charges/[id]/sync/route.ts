import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { auditContextFrom } from "@/lib/audit/record";
import { syncCharge } from "@/lib/charges/sync-charge";

// POST /api/charges/:id/sync – re-fetch the charge from Omise now
export const POST = withApiHandler<{ id: string }>(async ({ req, user, params }) =>
  NextResponse.json(await syncCharge({ actor: user, id: params.id, audit: auditContextFrom(req.headers) })),
);
