import { NextResponse } from "next/server";
import { withApiHandler } from "@/lib/api/handler";
import { getAnalytics } from "@/lib/analytics/get-analytics";
import { CAN } from "@/lib/auth/types";

export const dynamic = "force-dynamic";

// GET /api/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD – konbini analytics over JST days (both
// inclusive; default the last 30, at most 366), from the kept-current tables (admin only).
export const GET = withApiHandler(
  async ({ req }) => {
    const sp = req.nextUrl.searchParams;
    return NextResponse.json(await getAnalytics({ query: { from: sp.get("from") ?? undefined, to: sp.get("to") ?? undefined } }));
  },
  { roles: CAN.readAnalytics },
);
