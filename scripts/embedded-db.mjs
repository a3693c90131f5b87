// The embedded database's health, checked before anything else opens it, so a
// damaged directory is reported in one line instead of an `Aborted()` halfway
// through a start. `node scripts/embedded-db.mjs <dir>` prints the verdict as
// JSON; checkEmbeddedDb() runs it in a child process, so a WebAssembly abort
// cannot take the caller down with it.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, renameSync } from "node:fs";
import path from "node:path";

const SELF = new URL(import.meta.url).pathname;

/** Open `dir` (in this process), look for what would stop a start, close it. */
async function inspect(dir) {
  if (!existsSync(dir) || readdirSync(dir).length === 0) return { state: "missing" };
  if (!existsSync(path.join(dir, "PG_VERSION"))) return { state: "damaged", reason: "it has files but no PG_VERSION: its creation was interrupted" };
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  let db;
  try {
    db = new PGlite(dir, { extensions: { pg_trgm } });
    await db.waitReady;
    await db.query("SELECT count(*) FROM pg_class");
    const table = await db.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present");
    if (table.rows[0]?.present) {
      // Started, never finished, no error logged: the process died mid-migration, and
      // `migrate deploy` would refuse to go on (P3009). A migration that failed with
      // logs is left to migrate deploy, which explains it better.
      const stuck = await db.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL AND logs IS NULL");
      if (stuck.rows.length > 0) return { state: "damaged", reason: `migration ${stuck.rows.map((r) => r.migration_name).join(", ")} was interrupted` };
    }
  } catch (err) {
    return { state: "damaged", reason: `it cannot be opened: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}` };
  } finally {
    await db?.close().catch(() => undefined);
  }
  return { state: "ok" };
}

/** { state: "missing" | "ok" | "damaged", reason? } for the PGlite directory `dir`. */
export function checkEmbeddedDb(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SELF, dir], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve({ state: "damaged", reason: `checking it crashed (${signal ?? `exit ${code}`}): ${line.slice(0, 200)}` });
      }
    });
  });
}

/** Rename `dir` to `<dir>.broken-<UTC timestamp>` (nothing is deleted); returns the new path. */
export function moveAside(dir, now = new Date()) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  let target = `${dir}.broken-${stamp}`;
  for (let i = 2; existsSync(target); i++) target = `${dir}.broken-${stamp}-${i}`;
  renameSync(dir, target);
  return target;
}

if (process.argv[1] === SELF) {
  const verdict = await inspect(path.resolve(process.argv[2] ?? "./data/pglite"));
  console.log(JSON.stringify(verdict));
  process.exit(0); // PGlite's idle timer would hold the process for ~10 s
}
