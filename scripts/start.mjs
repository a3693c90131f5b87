// npm start: production server. Seeds the first admin from ADMIN_EMAIL /
// ADMIN_PASSWORD when they are set, then runs `next start` on $PORT.
// Apply migrations first with `npx prisma migrate deploy`.
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT, seed } from "./lib.mjs";

if (process.env.ADMIN_EMAIL) await seed({});
const port = process.env.PORT ?? "3000";
const app = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", port], { cwd: ROOT, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => app.kill(sig));
app.on("exit", (code) => process.exit(code ?? 1));
