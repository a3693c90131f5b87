import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { getCharge } from "@/lib/charges/get-charge";

export const dynamic = "force-dynamic";

// GET /api/charges/:id – one charge with its timeline
export const GET = withApiHandler<{ id: string }>(async ({ params }) =>
  NextResponse.json(await getCharge({ id: params.id }), { headers: { "Cache-Control": "no-store" } }),
);
