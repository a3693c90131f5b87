import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/health/check-database";

export const dynamic = "force-dynamic";

// GET /api/health – 200 when the database answers, 503 otherwise
export async function GET() {
  const db = await checkDatabase(2_000);
  return NextResponse.json(
    db.ok ? { status: "ok" } : { status: "unavailable", error: db.error },
    { status: db.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
