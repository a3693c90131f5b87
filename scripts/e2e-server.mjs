// The server the browser tests run against: a fresh database (PostgreSQL when
// TEST_DATABASE_URL is set, else PGlite), migrations, the Omise simulator on
// E2E_SIM_PORT, demo users, and the built app (server.mjs) on E2E_PORT. Stops on SIGTERM.
import { once } from "node:events";
import { migrateDeploy, run, seed, spawnServer } from "./lib.mjs";
import { startSimulator } from "../simulator/server.mjs";
import { TEST_NEXTAUTH_SECRET, TEST_REFUND_DATA_KEY, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, freshDatabase } from "../tests/test-env.mjs";

const port = Number(process.env.E2E_PORT ?? 3100);
const simPort = Number(process.env.E2E_SIM_PORT ?? 4311);
const db = await freshDatabase(process.env.TEST_DATABASE_URL, "kd_e2e");
const env = {
  ...db.env,
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET,
  OMISE_SECRET_KEY: TEST_SECRET_KEY,
  OMISE_API_URL: `http://127.0.0.1:${simPort}`,
  OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
  REFUND_DATA_KEY: TEST_REFUND_DATA_KEY,
  ADMIN_EMAIL: "admin@example.com",
  ADMIN_PASSWORD: "e2e-admin-password",
  NODE_ENV: "production",
  // The demo's mail: captured and shown at /outbox, never sent (whatever the shell has set).
  SMTP_URL: "",
  MAIL_FROM: "",
  // The shared seeded users sign in with a password; e2e/two-factor.spec.ts enrols its own users.
  REQUIRE_2FA: "false",
  // No scheduled reconciliation: a pass (every 300 s by default, one Omise call a second over the
  // run's hundreds of pending charges) stored the webhook-log test's lost events before its own
  // "Fetch from Omise" did, so that fetch found nothing new. No browser test needs the schedule;
  // tests/multi-instance.instances.test.ts covers it (and reconciliation itself has its own tests).
  RECONCILE_INTERVAL_SECONDS: "0",
};
console.log(`[e2e] database: ${db.describe}`);
await migrateDeploy(env);
const sim = await startSimulator({
  port: simPort,
  secretKey: TEST_SECRET_KEY,
  webhookSecret: TEST_WEBHOOK_SECRET,
  webhookUrl: `http://127.0.0.1:${port}/api/webhooks/omise`,
});
await seed(env, true);
// Sessions already idle or expired, for the forged-old-cookie test (e2e/sessions.spec.ts).
await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/e2e-fixtures.ts"], { env });
const app = spawnServer({ port, env });
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  // Let the server close its database before the directory or database goes.
  if (app.exitCode === null && app.signalCode === null) {
    app.kill("SIGTERM");
    await once(app, "exit");
  }
  await sim.close();
  await db.drop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => stop());
process.on("SIGTERM", () => stop());
app.on("exit", (code) => stop(code ?? 1));
