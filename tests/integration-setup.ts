import type { TestProject } from "vitest/node";
import { startSimulator } from "../simulator/server.mjs";
import { TEST_NEXTAUTH_SECRET, TEST_REFUND_DATA_KEY, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, freshDatabase, migrate } from "./test-env.mjs";

// One database and one Omise simulator for the integration run. TEST_DATABASE_URL
// (any database on the server) selects real PostgreSQL; otherwise PGlite.
export default async function setup(project: TestProject) {
  const db = await freshDatabase(process.env.TEST_DATABASE_URL, "kd_it");
  migrate(db.env);
  const sim = await startSimulator({ port: 0, secretKey: TEST_SECRET_KEY, webhookSecret: TEST_WEBHOOK_SECRET });
  Object.assign(process.env, {
    ...db.env,
    NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET,
    OMISE_SECRET_KEY: TEST_SECRET_KEY,
    OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    REFUND_DATA_KEY: TEST_REFUND_DATA_KEY,
    OMISE_API_URL: sim.url,
    // The simulator lists a charge the moment it exists, so "not found" is final at once.
    UNKNOWN_ATTEMPT_GRACE_SECONDS: "0",
    RECONCILE_INTERVAL_SECONDS: "0",
    RECONCILE_MAX_CALLS_PER_SECOND: "0", // pacing has its own unit test
    // Tests that check the mandatory second factor turn it on in their own file (tests/two-factor.integration.test.ts).
    REQUIRE_2FA: "false",
    OMISE_RETRY_BASE_MS: "20", // the backoff's length proves nothing here; its count is tested in unit tests
  });
  project.provide("simulatorUrl", sim.url);
  console.log(`[integration] database: ${db.describe}; simulator: ${sim.url}`);
  return async () => {
    await sim.close();
    await db.drop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    simulatorUrl: string;
  }
}
