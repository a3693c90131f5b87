import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/health/check-database";
import { latestDatabaseSample, type DatabaseSample } from "@/lib/health/database-monitor";

export const dynamic = "force-dynamic";

// GET /api/health – 200 when the database answers, 503 otherwise. Answers from
// the server's once-a-second background check when it is recent (so it is fast
// even while the database hangs), else checks now (at most 2 s).
export async function GET() {
  const sample: DatabaseSample = latestDatabaseSample() ?? (await checkNow());
  return NextResponse.json(
    sample.ok
      ? { status: "ok", checkedAt: sample.checkedAt.toISOString() }
      : { status: "unavailable", error: sample.error, checkedAt: sample.checkedAt.toISOString() },
    { status: sample.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

async function checkNow(): Promise<DatabaseSample> {
  const result = await checkDatabase(2_000);
  return { ok: result.ok, error: result.ok ? null : result.error, checkedAt: new Date() };
}
