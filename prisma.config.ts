import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI (migrate deploy, migrate diff, generate) runs the schema engine as
// WebAssembly through a driver adapter, because the native engine cannot be
// downloaded on offline machines. See ../shared/reference/stack-notes.md.
const EMBEDDED_URL = "postgresql://embedded@localhost/embedded";
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) process.env.DATABASE_URL = EMBEDDED_URL;

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
      return new PrismaPg(new NameAsTextPool({ connectionString: databaseUrl }));
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const dir = path.resolve(process.env.PGLITE_DIR ?? "./data/pglite");
    mkdirSync(path.dirname(dir), { recursive: true });
    return new PrismaPGlite(new PGlite(dir));
  },
});
