// npm start: production server. Seeds the first admin from ADMIN_EMAIL /
// ADMIN_PASSWORD when they are set, then runs server.mjs (Next.js plus the
// lean webhook listener) on $PORT.
// Apply migrations first with `npx prisma migrate deploy`.
import path from "node:path";
import { seed, spawnServer } from "./lib.mjs";
import { checkEmbeddedDb } from "./embedded-db.mjs";

// The embedded database is checked before anything opens it: a damaged one
// stops the start with one line saying what to do, and is never touched.
if (!process.env.DATABASE_URL) {
  const dir = path.resolve(process.env.PGLITE_DIR ?? "./data/pglite");
  const found = await checkEmbeddedDb(dir);
  if (found.state === "damaged") {
    console.error(`The embedded database in ${dir} is damaged (${found.reason}); nothing was changed. Move it aside (or restore a backup) and run \`npx prisma migrate deploy\` to start a fresh one.`);
    process.exit(1);
  }
}

if (process.env.ADMIN_EMAIL) await seed({});
const app = spawnServer({ port: process.env.PORT ?? "3000", stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => app.kill(sig));
app.on("exit", (code) => process.exit(code ?? 1));
