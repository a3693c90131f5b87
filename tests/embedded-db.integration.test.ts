import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEmbeddedDb, moveAside } from "../scripts/embedded-db.mjs";

// The first-run failures (issue 7): a damaged embedded database must be
// detected before anything opens it, and the migration CLI must close PGlite
// and exit by itself.
const root = mkdtempSync(path.join(tmpdir(), "kd-embedded-"));
const copy = (from: string, to: string) => promisify(execFile)("cp", ["-r", from, to]);
let healthy: string;

beforeAll(async () => {
  healthy = path.join(root, "healthy");
  const db = new PGlite(healthy);
  await db.exec(`CREATE TABLE _prisma_migrations (migration_name text, finished_at timestamptz, rolled_back_at timestamptz, logs text);
    INSERT INTO _prisma_migrations VALUES ('20260101000000_init', now(), NULL, NULL);`);
  await db.close();
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("checkEmbeddedDb", () => {
  it("passes a healthy directory and reports a missing one as missing", async () => {
    expect(await checkEmbeddedDb(healthy)).toEqual({ state: "ok" });
    expect(await checkEmbeddedDb(path.join(root, "nothing-here"))).toEqual({ state: "missing" });
  });

  it("reports a directory whose control file is garbage as damaged", async () => {
    const dir = path.join(root, "bad-control");
    await copy(healthy, dir);
    writeFileSync(path.join(dir, "global", "pg_control"), Buffer.alloc(8192, 0x5a));
    const found = await checkEmbeddedDb(dir);
    expect(found.state).toBe("damaged");
    expect(found.reason).toMatch(/cannot be opened/);
  });

  it("reports a directory whose write-ahead log is gone as damaged", async () => {
    const dir = path.join(root, "no-wal");
    await copy(healthy, dir);
    for (const f of readdirSync(path.join(dir, "pg_wal"))) if (/^[0-9A-F]{24}$/.test(f)) rmSync(path.join(dir, "pg_wal", f));
    expect((await checkEmbeddedDb(dir)).state).toBe("damaged");
  });

  it("reports an interrupted creation and an interrupted migration as damaged", async () => {
    const halfMade = path.join(root, "half-made");
    await copy(healthy, halfMade);
    rmSync(path.join(halfMade, "PG_VERSION"));
    expect(await checkEmbeddedDb(halfMade)).toMatchObject({ state: "damaged", reason: expect.stringMatching(/PG_VERSION/) });

    const midMigration = path.join(root, "mid-migration");
    await copy(healthy, midMigration);
    const db = new PGlite(midMigration);
    await db.exec("INSERT INTO _prisma_migrations VALUES ('20260102000000_next', NULL, NULL, NULL)");
    await db.close();
    expect(await checkEmbeddedDb(midMigration)).toEqual({ state: "damaged", reason: "migration 20260102000000_next was interrupted" });
  });

  it("leaves a migration that failed with an error to migrate deploy", async () => {
    const dir = path.join(root, "failed-migration");
    await copy(healthy, dir);
    const db = new PGlite(dir);
    await db.exec("INSERT INTO _prisma_migrations VALUES ('20260102000000_next', NULL, NULL, 'relation does not exist')");
    await db.close();
    expect(await checkEmbeddedDb(dir)).toEqual({ state: "ok" });
  });

  it("moves a directory aside under a UTC timestamp without deleting anything", async () => {
    const dir = path.join(root, "to-move");
    await copy(healthy, dir);
    const moved = moveAside(dir, new Date("2026-12-01T10:20:30.456Z"));
    expect(moved).toBe(`${dir}.broken-20261201T102030Z`);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(path.join(moved, "PG_VERSION"))).toBe(true);
  });
});

describe("prisma migrate deploy on PGlite", () => {
  it("exits by itself and closes the database cleanly on a fresh directory", async () => {
    const dir = path.join(root, "migrated");
    const started = Date.now();
    // No kill on our side: a hang fails the test at its timeout.
    await promisify(execFile)(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: dir },
    });
    expect(Date.now() - started).toBeLessThan(170_000);
    // PGlite removes postmaster.pid only when it is closed cleanly.
    expect(existsSync(path.join(dir, "postmaster.pid"))).toBe(false);
    expect(await checkEmbeddedDb(dir)).toEqual({ state: "ok" });
    const db = new PGlite(dir);
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL");
    await db.close();
    expect(rows[0]?.n).toBe(readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).length);
  }, 180_000);
});
