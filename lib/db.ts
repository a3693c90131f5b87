import "server-only";
import path from "node:path";
import { mkdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-state";
import { timestamptzTextToIso } from "@/lib/pg-timestamps";

// One Prisma client per process, created on first use (never at import time:
// `next build` loads route modules in workers and PGlite allows one opener).
const globalForDb = processSingleton(
  "db",
  (): {
    konbiniDb?: Promise<PrismaClient>;
    konbiniPglite?: { close(): Promise<void> };
    konbiniPool?: import("pg").Pool;
    isoTimestampTypes?: { getTypeParser: (oid: number, format?: string) => unknown };
  } => ({}),
);

async function createClient(): Promise<PrismaClient> {
  const { DATABASE_URL, PGLITE_DIR } = env();
  if (DATABASE_URL) {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { Pool, types } = await import("pg");
    // readRows({ isoTimestamps }): timestamptz (oid 1184) as its ISO string, everything else as pg parses it.
    const toIso = timestamptzTextToIso(types.getTypeParser(TIMESTAMPTZ_OID, "text") as (text: string) => Date);
    globalForDb.isoTimestampTypes = { getTypeParser: (oid: number, format?: string) => (oid === TIMESTAMPTZ_OID && format !== "binary" ? toIso : types.getTypeParser(oid, format as "text")) };
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
 * `isoTimestamps`: every timestamptz comes as its ISO string instead (`toISOString()`'s), made from
 * PostgreSQL's text without a Date (lib/pg-timestamps.ts): for rows that leave as JSON (the list).
 * `prepare`: run as a named prepared statement (preparedName).
 */
export async function readRows<T>(query: Prisma.Sql, opts: { prepare?: boolean; isoTimestamps?: boolean } = {}): Promise<T[]> {
  const db = await getDb();
  const pool = globalForDb.konbiniPool;
  if (!pool) {
    const rows = await db.$queryRaw<Record<string, unknown>[]>(query);
    return (opts.isoTimestamps ? rows.map(withIsoDates) : rows) as T[];
  }
  const name = opts.prepare ? preparedName(query.text) : undefined;
  const types = opts.isoTimestamps ? globalForDb.isoTimestampTypes : undefined;
  const run = (n: string | undefined) => pool.query({ text: query.text, values: query.values, ...(n ? { name: n } : {}), ...(types ? { types } : {}) });
  try {
    return (await run(name)).rows as T[];
  } catch (err) {
    // A migration changed a column this statement returns: PostgreSQL refuses the statement
    // prepared before it on every run from then on, on each connection that holds it. Run it
    // under a new name (prepared afresh everywhere), once.
    if (!name || !isStalePreparedPlan(err)) throw err;
    return (await run(renamePrepared(query.text))).rows as T[];
  }
}

const isStalePreparedPlan = (err: unknown): boolean => (err as { code?: string } | null)?.code === "0A000" && /cached plan must not change result type/.test(String((err as Error).message));

const TIMESTAMPTZ_OID = 1184;

/** The embedded database's row with each Date as its ISO string, as readRows({ isoTimestamps }) gives them on PostgreSQL. */
function withIsoDates(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Date ? v.toISOString() : v;
  return out;
}

/**
 * At most this many statement texts are prepared per process (and so per connection); any
 * further text runs unnamed, as before. The callers' texts are a small fixed set (about 40).
 */
export const MAX_PREPARED_STATEMENTS = 200;

const prepared = (): Map<string, string> => processSingleton("preparedStatements", () => new Map());

/**
 * The name `readRows({ prepare: true })` runs `text` under, or undefined (turned off by
 * DATABASE_PREPARED_STATEMENTS=false, or MAX_PREPARED_STATEMENTS texts are named already). pg
 * prepares a name once per connection; PostgreSQL then skips parsing and, after five runs whose
 * plans did not depend on the values, planning: most of the database's work for a session check
 * or a list page (docs/performance.md). So a caller asks for it only where the best plan cannot
 * depend on the values (a primary key, a keyset page of the plain list, a fixed read) and the
 * columns are named (a prepared `SELECT *` fails after a migration adds a column).
 */
export function preparedName(text: string): string | undefined {
  if (!env().DATABASE_PREPARED_STATEMENTS) return undefined;
  const names = prepared();
  let name = names.get(text);
  if (!name && names.size < MAX_PREPARED_STATEMENTS) {
    name = `kd_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
    names.set(text, name);
  }
  return name;
}

/** A new name for `text` (its statement went stale: readRows), kept in place of the old one. */
function renamePrepared(text: string): string {
  const names = prepared();
  const name = `kd_${createHash("sha256").update(`${text}\u0000${Date.now()}:${Math.random()}`).digest("hex").slice(0, 32)}`;
  names.set(text, name);
  return name;
}

/** On shutdown: close the embedded database cleanly, or the PostgreSQL pool. */
export async function closeDb(): Promise<void> {
  if (globalForDb.konbiniPglite) return globalForDb.konbiniPglite.close();
  if (globalForDb.konbiniDb) await (await globalForDb.konbiniDb).$disconnect();
}

export type Db = PrismaClient;
