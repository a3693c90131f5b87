// Seeds the first admin (ADMIN_EMAIL / ADMIN_PASSWORD) and, with --demo, a few
// sample charges created through the Omise simulator. Run before the server
// starts (PGlite admits one process at a time):
//   node --conditions=react-server --import tsx scripts/seed.ts [--demo]
import { env } from "@/lib/env";
import { closeDb } from "@/lib/db";
import { ensureAdmin } from "@/lib/users/ensure-admin";
import { seedDemo } from "@/lib/demo/seed-demo";

async function main() {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = env();
  if (ADMIN_EMAIL && ADMIN_PASSWORD) {
    const result = await ensureAdmin({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    console.log(result === "created" ? `Created admin ${ADMIN_EMAIL}` : `Admin ${ADMIN_EMAIL} already exists`);
  }
  if (process.argv.includes("--demo")) console.log(await seedDemo());
}

// Close the embedded database cleanly on every way out (closeDb() closes
// PGlite, not only Prisma), then exit: PGlite's idle timer would hold the
// process for ~10 s more.
const finish = (code: number) => closeDb().catch((err: unknown) => console.error("closing the database:", err)).then(() => process.exit(code));
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) process.once(signal, () => void finish(code));
main().then(() => finish(0), (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  return finish(1);
});
