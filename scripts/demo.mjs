// npm run demo: the whole product on one machine with nothing configured —
// embedded PGlite database in ./data, the Omise simulator on :4010 wired to
// the app's webhook, a seeded admin, and the app on http://localhost:3000.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { ROOT, buildIfStale, migrateDeploy, seed, spawnServer, waitForUrl } from "./lib.mjs";
import { startSimulator } from "../simulator/server.mjs";

const port = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.OMISE_SIM_PORT ?? 4010);
const dataDir = path.join(ROOT, "data");
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
writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });

const env = {
  DATABASE_URL: "",
  PGLITE_DIR: process.env.PGLITE_DIR ?? path.join(dataDir, "pglite"),
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET,
  OMISE_SECRET_KEY: "skey_test_konbinidesksimulator",
  OMISE_API_URL: `http://127.0.0.1:${simPort}`,
  OMISE_WEBHOOK_SECRET: secrets.OMISE_WEBHOOK_SECRET,
  ADMIN_EMAIL: "admin@example.com",
  ADMIN_PASSWORD: secrets.ADMIN_PASSWORD,
  PORT: String(port),
  NODE_ENV: "production",
};

console.log("1/4 Applying database migrations (embedded PGlite in ./data)…");
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
const stop = async (code = 0) => {
  app.kill("SIGTERM");
  await sim.close();
  process.exit(code);
};
process.on("SIGINT", () => stop());
process.on("SIGTERM", () => stop());
app.on("exit", (code) => stop(code ?? 1));

await waitForUrl(`http://127.0.0.1:${port}/api/health`);
console.log(`
┌──────────────────────────────────────────────────────────────────────
│ Konbini Desk is running:   http://localhost:${port}
│ Sign in as admin:          ${env.ADMIN_EMAIL} / ${env.ADMIN_PASSWORD}
│ Also seeded:               staff@example.com, viewer@example.com / konbini-demo-staff
│ Omise simulator:           ${sim.url}  (customer pages: open a charge's payment link)
│ Data:                      ./data (delete it to start over)      Stop: Ctrl+C
└──────────────────────────────────────────────────────────────────────`);
