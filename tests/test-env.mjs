// Shared by the integration setup, the e2e server and the demo: a fresh
// database (real PostgreSQL when a URL is given, else an embedded PGlite dir)
// with all migrations applied, and the fixed secrets the tests sign with.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

export const TEST_SECRET_KEY = "skey_test_konbinidesk";
export const TEST_WEBHOOK_SECRET = Buffer.from("konbini-desk-test-webhook-secret").toString("base64");
export const TEST_NEXTAUTH_SECRET = "test-nextauth-secret-0123456789abcdefghijkl";
// Refunds' bank-details key (lib/refunds/bank-box.ts): fixed, 32 bytes, for tests only.
export const TEST_REFUND_DATA_KEY = Buffer.from("konbini-desk-test-refund-key-32b").toString("base64");

/** Create a uniquely named database next to `baseUrl` and return its URL and a drop function. */
export async function createPgDatabase(baseUrl, prefix = "kd_test") {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Environment for a fresh database: { env, drop }. */
export async function freshDatabase(pgBaseUrl, label = "kd_test") {
  if (pgBaseUrl) {
    const db = await createPgDatabase(pgBaseUrl, label);
    return { env: { DATABASE_URL: db.url }, drop: db.drop, describe: `PostgreSQL ${new URL(db.url).pathname.slice(1)}` };
  }
  const dir = path.join(mkdtempSync(path.join(tmpdir(), `${label}-`)), "pglite");
  return { env: { DATABASE_URL: "", PGLITE_DIR: dir }, drop: async () => {}, describe: `PGlite ${dir}` };
}

/**
 * `prisma migrate deploy`, to its own end (prisma.config.ts closes the
 * embedded database and the CLI exits). After 10 minutes it is asked to stop
 * with SIGTERM, which closes PGlite after the statement in flight, and this throws.
 */
export function migrate(env) {
  execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
    timeout: 10 * 60_000,
    killSignal: "SIGTERM",
  });
}
