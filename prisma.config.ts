import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

// The CLI (migrate deploy, migrate diff, generate) runs the schema engine as
// WebAssembly through a driver adapter, because the native engine cannot be
// downloaded on offline machines. See ../shared/reference/stack-notes.md.
const EMBEDDED_URL = "postgresql://embedded@localhost/embedded";
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) process.env.DATABASE_URL = EMBEDDED_URL;

// Prisma 6.19.3 calls `adapter()` twice per migrate command (once to print
// "Datasource …", once for the schema engine) and never disposes either.
// A PGlite per call put two PostgreSQL instances on one data directory: their
// writes overwrote each other (tables lost, then `Aborted()` on the next open)
// and the idle one kept re-arming a timer, so the CLI never exited. Hence one
// PGlite per process, closed when the CLI has nothing left to do.
type Factory = Pick<PrismaPGlite, "provider" | "adapterName" | "connect" | "connectToShadowDb">;
type SqlDriverAdapter = Awaited<ReturnType<PrismaPGlite["connect"]>>;
let embedded: Promise<Factory> | undefined;

async function openEmbedded(): Promise<Factory> {
  const { PGlite } = await import("@electric-sql/pglite");
  // The search index (migration 20261201160000) uses pg_trgm, which PGlite loads from its contrib bundle.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const dir = path.resolve(process.env.PGLITE_DIR ?? "./data/pglite");
  mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = new PGlite(dir, { extensions: { pg_trgm } });
  try {
    await pglite.waitReady;
  } catch (err) {
    throw new Error(`The embedded database in ${dir} cannot be opened (${err instanceof Error ? err.message : String(err)}); move it aside or restore it from a backup.`);
  }
  closeWhenDone(pglite);
  const base = new PrismaPGlite(pglite);
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => awaitScripts(await base.connect(), pglite),
    connectToShadowDb: () => base.connectToShadowDb(),
  };
}

// Close cleanly (after the statement in flight) once the CLI's work has
// drained the event loop, or when it is interrupted.
function closeWhenDone(pglite: PGlite): void {
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= pglite.close().catch((err: unknown) => console.error("[prisma.config] closing PGlite:", err)));
  process.once("beforeExit", () => void close());
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.once(signal, () => void close().then(() => process.exit(code)));
  }
}

// pglite-prisma-adapter 0.6.1's executeScript does not await `exec`: the CLI
// went on (and could report success) before a migration's SQL had run, and a
// failing script escaped as an unhandled rejection instead of a migrate error.
function awaitScripts(adapter: SqlDriverAdapter, pglite: PGlite): SqlDriverAdapter {
  const mapError = (adapter as unknown as { onError?: (err: unknown) => never }).onError?.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await pglite.exec(script);
    } catch (err) {
      if (mapError) mapError(err); // rethrows as a DriverAdapterError with the PostgreSQL code
      throw err;
    }
  };
  return adapter;
}

// adapter-pg 6.19.3's executeScript splits a migration on every `;`, which breaks any
// statement with a semicolon inside it (a PL/pgSQL trigger function's body). Send the
// script as one simple query instead, as `psql -f` would; errors still map to migrate errors.
function wholeScripts(adapter: SqlDriverAdapter, pool: { query(sql: string): Promise<unknown> }): SqlDriverAdapter {
  const mapError = (adapter as unknown as { onError?: (err: unknown) => never }).onError?.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (err) {
      if (mapError) mapError(err);
      throw err;
    }
  };
  return adapter;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => {
    if (databaseUrl && databaseUrl !== EMBEDDED_URL) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const { Pool } = await import("pg");
      // adapter-pg cannot decode the `name` type (oid 19) the migration engine
      // reads from information_schema (prisma/orm#27403): report it as text.
      class NameAsTextPool extends Pool {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        async query(...args: any[]): Promise<any> {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const result: any = await (super.query as any)(...args);
          for (const r of Array.isArray(result) ? result : [result]) {
            for (const f of r?.fields ?? []) if (f.dataTypeID === 19) f.dataTypeID = 25;
          }
          return result;
        }
      }
      const pool = new NameAsTextPool({ connectionString: databaseUrl });
      const base = new PrismaPg(pool);
      return {
        provider: base.provider,
        adapterName: base.adapterName,
        connect: async () => wholeScripts(await base.connect(), pool),
        connectToShadowDb: () => base.connectToShadowDb(),
      };
    }
    embedded ??= openEmbedded().catch((err: unknown) => {
      embedded = undefined;
      throw err;
    });
    return embedded;
  },
});
