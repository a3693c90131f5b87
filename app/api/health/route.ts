import { NextResponse } from "next/server";
import { getHealth } from "@/lib/health/get-health";

export const dynamic = "force-dynamic";

// GET /api/health – 200 when the database answers, 503 otherwise. In
// production server.mjs answers this path itself with the same getHealth.
export async function GET() {
  const health = await getHealth();
  return NextResponse.json(health.body, { status: health.status, headers: { "Cache-Control": "no-store" } });
}
