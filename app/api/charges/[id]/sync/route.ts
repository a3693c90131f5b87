import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { syncCharge } from "@/lib/charges/sync-charge";

// POST /api/charges/:id/sync – re-fetch the charge from Omise now
export const POST = withApiHandler<{ id: string }>(async ({ user, params }) =>
  NextResponse.json(await syncCharge({ actor: user, id: params.id })),
);
