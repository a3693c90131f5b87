// Seeds the first admin (ADMIN_EMAIL / ADMIN_PASSWORD) and, with --demo, a few
// sample charges created through the Omise simulator. Run before the server
// starts (PGlite admits one process at a time):
//   node --conditions=react-server --import tsx scripts/seed.ts [--demo]
import { env } from "@/lib/env";
import { getDb } from "@/lib/db";
import { ensureAdmin } from "@/lib/users/ensure-admin";
import { seedDemo } from "@/lib/demo/seed-demo";

async function main() {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = env();
  if (ADMIN_EMAIL && ADMIN_PASSWORD) {
    const result = await ensureAdmin({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    console.log(result === "created" ? `Created admin ${ADMIN_EMAIL}` : `Admin ${ADMIN_EMAIL} already exists`);
  }
  if (process.argv.includes("--demo")) console.log(await seedDemo());
  await (await getDb()).$disconnect();
}

// PGlite keeps the event loop alive after disconnect; exit explicitly.
main().then(() => process.exit(0)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
