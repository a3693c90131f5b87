// npm run demo: the whole product on one machine with nothing configured —
// embedded PGlite database in ./data, the Omise simulator on :4010 wired to
// the app's webhook, a seeded admin, and the app on http://localhost:3000.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import path from "node:path";
import { ROOT, buildIfStale, migrateDeploy, seed, spawnServer, waitForUrl } from "./lib.mjs";
import { checkEmbeddedDb, moveAside } from "./embedded-db.mjs";
import { startSimulator } from "../simulator/server.mjs";

const port = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.OMISE_SIM_PORT ?? 4010);
const dataDir = path.resolve(ROOT, process.env.DEMO_DATA_DIR ?? "data");
// Paths as the user would type them: relative inside the current directory, else absolute.
const show = (p) => (p.startsWith(process.cwd() + path.sep) ? `./${path.relative(process.cwd(), p)}` : p);
const shown = show(dataDir);
mkdirSync(dataDir, { recursive: true });

// Secrets made once per checkout and kept in data/, so sessions survive a restart.
const secretsFile = path.join(dataDir, "demo-secrets.json");
const secrets = existsSync(secretsFile)
  ? JSON.parse(readFileSync(secretsFile, "utf8"))
  : {
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      OMISE_WEBHOOK_SECRET: randomBytes(32).toString("base64"),
      ADMIN_PASSWORD: `demo-${randomBytes(6).toString("hex")}`,
    };
// Added later than the others: a checkout whose secrets file predates refunds gets one now.
const refundKeyMissing = !secrets.REFUND_DATA_KEY;
if (refundKeyMissing) secrets.REFUND_DATA_KEY = randomBytes(32).toString("base64");
if (!existsSync(secretsFile) || refundKeyMissing) {
  // Written once, atomically: a crash mid-write must not leave a file that cannot be read.
  writeFileSync(`${secretsFile}.tmp`, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  renameSync(`${secretsFile}.tmp`, secretsFile);
}

const env = {
  DATABASE_URL: "",
  PGLITE_DIR: path.resolve(process.env.PGLITE_DIR || path.join(dataDir, "pglite")),
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET,
  OMISE_SECRET_KEY: "skey_test_konbinidesksimulator",
  OMISE_API_URL: `http://127.0.0.1:${simPort}`,
  OMISE_WEBHOOK_SECRET: secrets.OMISE_WEBHOOK_SECRET,
  REFUND_DATA_KEY: secrets.REFUND_DATA_KEY,
  ADMIN_EMAIL: "admin@example.com",
  ADMIN_PASSWORD: secrets.ADMIN_PASSWORD,
  PORT: String(port),
  NODE_ENV: "production",
  // The demo's seeded accounts sign in with a password alone; production requires 2FA (README).
  REQUIRE_2FA: "false",
};

// A damaged database must not leave anyone stuck: the demo's own is moved
// aside (never deleted) and started afresh; one named by PGLITE_DIR is the user's.
const found = await checkEmbeddedDb(env.PGLITE_DIR);
if (found.state === "damaged") {
  if (process.env.PGLITE_DIR) {
    console.error(`The embedded database in ${env.PGLITE_DIR} is damaged (${found.reason}); it was left as it is. Move it aside or restore it from a backup, or unset PGLITE_DIR to use the demo's own.`);
    process.exit(1);
  }
  const moved = moveAside(env.PGLITE_DIR);
  console.log(`! The demo database was damaged (${found.reason}); moved it to ${show(moved)} and starting with a fresh one.`);
}

console.log("Demo: two-factor sign-in is optional here (REQUIRE_2FA=false); set it up under Security. Production requires it.");
console.log(`1/4 Applying database migrations (embedded PGlite in ${shown})…`);
await migrateDeploy(env);
console.log("2/4 Building…");
await buildIfStale(env);

console.log(`3/4 Starting the Omise simulator on http://127.0.0.1:${simPort}…`);
const sim = await startSimulator({
  port: simPort,
  secretKey: env.OMISE_SECRET_KEY,
  webhookSecret: env.OMISE_WEBHOOK_SECRET,
  webhookUrl: `http://127.0.0.1:${port}/api/webhooks/omise`,
  stateFile: path.join(dataDir, "simulator-state.json"),
});
await seed(env, true);

console.log(`4/4 Starting Konbini Desk on http://localhost:${port}…`);
const app = spawnServer({ port, env });
// Stop once, and only after the server has closed the database (Ctrl+C also
// reaches it directly; it shuts down the same way either way).
let stopping;
const stop = (code = 0) =>
  (stopping ??= (async () => {
    if (app.exitCode === null && app.signalCode === null) {
      app.kill("SIGTERM");
      await once(app, "exit");
    }
    await sim.close();
    process.exit(code || (app.exitCode ?? 1));
  })());
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
app.on("exit", (code) => void stop(code ?? 1));

await waitForUrl(`http://127.0.0.1:${port}/api/health`);
console.log(`
┌──────────────────────────────────────────────────────────────────────
│ Konbini Desk is running:   http://localhost:${port}
│ Sign in as admin:          ${env.ADMIN_EMAIL} / ${env.ADMIN_PASSWORD}
│ Also seeded:               staff@example.com, viewer@example.com / konbini-demo-staff
│ Omise simulator:           ${sim.url}  (customer pages: open a charge's payment link)
│ Data:                      ${shown} (delete it to start over)      Stop: Ctrl+C
└──────────────────────────────────────────────────────────────────────`);
