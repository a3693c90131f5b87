import "server-only";
import path from "node:path";
import { mkdirSync } from "node:fs";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-state";

// One Prisma client per process, created on first use (never at import time:
// `next build` loads route modules in workers and PGlite allows one opener).
const globalForDb = processSingleton(
  "db",
  (): { konbiniDb?: Promise<PrismaClient>; konbiniPglite?: { close(): Promise<void> }; konbiniPool?: import("pg").Pool } => ({}),
);

async function createClient(): Promise<PrismaClient> {
  const { DATABASE_URL, PGLITE_DIR } = env();
  if (DATABASE_URL) {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { Pool } = await import("pg");
    // Bounded waits: a database that is down or hung fails requests within
    // seconds (webhooks answer 5xx, pages show an error) instead of hanging.
    // A PostgreSQL that is restarting can hold a new connection for seconds,
    // and a request may first wait for a free pooled connection (the same
    // limit): 1 s for each keeps a crash's errors within about 2 s (F5,
    // docs/reliability.md); the webhook fails at once once the background
    // check (lib/health/database-monitor.ts) has found the database down twice.
    // The pool is ours (not the adapter's) so the sign-in throttle (lib/auth/throttle.ts) shares it.
    const pool = new Pool({
      connectionString: DATABASE_URL,
      max: 10,
      connectionTimeoutMillis: 1_000,
      query_timeout: 5_000,
      idleTimeoutMillis: 30_000,
    });
    globalForDb.konbiniPool = pool;
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    return new PrismaClient({ adapter });
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const dir = path.resolve(PGLITE_DIR);
  mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = new PGlite(dir, { extensions: { pg_trgm } });
  try {
    await pglite.waitReady;
  } catch (err) {
    // One line that says what happened and what to do, not a bare `Aborted()`.
    throw new Error(`The embedded database in ${dir} cannot be opened (${err instanceof Error ? err.message : String(err)}). It was left as it is: move it aside (or restore a backup) and run \`npx prisma migrate deploy\` to start a fresh one.`);
  }
  globalForDb.konbiniPglite = pglite; // closed by closeDb(), so its files are left clean
  return new PrismaClient({ adapter: new PrismaPGlite(pglite) });
}

export function getDb(): Promise<PrismaClient> {
  globalForDb.konbiniDb ??= createClient().catch((err: unknown) => {
    globalForDb.konbiniDb = undefined;
    throw err;
  });
  return globalForDb.konbiniDb;
}

/** The PostgreSQL pool behind the Prisma client, or null on the embedded database. */
export async function getPgPool(): Promise<import("pg").Pool | null> {
  await getDb();
  return globalForDb.konbiniPool ?? null;
}

/**
 * The rows of one read statement, for the hot read paths (the session check, the charge list,
 * the overview). On PostgreSQL it goes straight to the pg pool the Prisma client runs on: no query
 * compiler and no result mapping, a fraction of Prisma's CPU per query (docs/performance.md). On
 * the embedded database it goes through Prisma. The drivers type some columns differently, so a
 * caller reads only int4, float8, text, boolean and timestamptz (a Date from both) columns, and
 * casts anything else (a bigint count: `::int`, or `::text` and Number()).
 */
export async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  const db = await getDb();
  const pool = globalForDb.konbiniPool;
  if (!pool) return db.$queryRaw<T[]>(query);
  const { rows } = await pool.query({ text: query.text, values: query.values });
  return rows as T[];
}

/** On shutdown: close the embedded database cleanly, or the PostgreSQL pool. */
export async function closeDb(): Promise<void> {
  if (globalForDb.konbiniPglite) return globalForDb.konbiniPglite.close();
  if (globalForDb.konbiniDb) await (await globalForDb.konbiniDb).$disconnect();
}

export type Db = PrismaClient;
