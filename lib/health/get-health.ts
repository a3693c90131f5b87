import "server-only";
import { checkDatabase } from "@/lib/health/check-database";
import { latestDatabaseSample, type DatabaseSample } from "@/lib/health/database-monitor";
import { leadershipStatus } from "@/lib/instances/leadership";

/**
 * The health answer: 200 when the database answers, 503 otherwise, with this instance's id, the
 * background jobs it leads and its passes of each (lib/instances/leadership.ts). From the
 * server's once-a-second background check when it is recent (so it is fast
 * even while the database hangs), else a check now (at most 2 s).
 */
export async function getHealth(): Promise<{ status: 200 | 503; body: Record<string, unknown> }> {
  const sample: DatabaseSample = latestDatabaseSample() ?? (await checkNow());
  const checkedAt = sample.checkedAt.toISOString();
  // Which instance answered, which background jobs it leads and the passes it ran (docs/deploy.md).
  const instance = leadershipStatus();
  return sample.ok
    ? { status: 200, body: { status: "ok", checkedAt, ...instance } }
    : { status: 503, body: { status: "unavailable", error: sample.error, checkedAt, ...instance } };
}

async function checkNow(): Promise<DatabaseSample> {
  const result = await checkDatabase(2_000);
  return { ok: result.ok, error: result.ok ? null : result.error, checkedAt: new Date() };
}
