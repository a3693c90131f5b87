import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { getOverview } from "@/lib/charges/get-overview";

export const dynamic = "force-dynamic";

// GET /api/overview – the overview's figures (pending, paid today / this month, expired this
// month, 30 JST days of paid and expired, expiring in the next 24 hours), from the kept-current tables.
export const GET = withApiHandler(async () => NextResponse.json(await getOverview(), { headers: { "Cache-Control": "no-store" } }));
