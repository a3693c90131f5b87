// npm start: production server. Seeds the first admin from ADMIN_EMAIL /
// ADMIN_PASSWORD when they are set, then runs server.mjs (Next.js plus the
// lean webhook listener) on $PORT.
// Apply migrations first with `npx prisma migrate deploy`.
import { seed, spawnServer } from "./lib.mjs";

if (process.env.ADMIN_EMAIL) await seed({});
const app = spawnServer({ port: process.env.PORT ?? "3000", stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => app.kill(sig));
app.on("exit", (code) => process.exit(code ?? 1));
