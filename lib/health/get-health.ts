import "server-only";
import { checkDatabase } from "@/lib/health/check-database";
import { latestDatabaseSample, type DatabaseSample } from "@/lib/health/database-monitor";

/**
 * The health answer: 200 when the database answers, 503 otherwise. From the
 * server's once-a-second background check when it is recent (so it is fast
 * even while the database hangs), else a check now (at most 2 s).
 */
export async function getHealth(): Promise<{ status: 200 | 503; body: Record<string, unknown> }> {
  const sample: DatabaseSample = latestDatabaseSample() ?? (await checkNow());
  const checkedAt = sample.checkedAt.toISOString();
  return sample.ok
    ? { status: 200, body: { status: "ok", checkedAt } }
    : { status: 503, body: { status: "unavailable", error: sample.error, checkedAt } };
}

async function checkNow(): Promise<DatabaseSample> {
  const result = await checkDatabase(2_000);
  return { ok: result.ok, error: result.ok ? null : result.error, checkedAt: new Date() };
}
