// Browser-test fixtures the e2e server writes before the app opens the database (PGlite admits
// one process, so a test cannot reach into it later): a user with one session that has been
// idle for 20 minutes and one past its absolute limit. e2e/sessions.spec.ts signs a cookie
// naming each (a forged old cookie) and expects the sign-in page.
//   node --conditions=react-server --import tsx scripts/e2e-fixtures.ts
import { closeDb, getDb } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { E2E_SESSION_FIXTURES as F } from "../e2e/session-fixtures";

async function main() {
  const db = await getDb();
  const user = await db.user.upsert({
    where: { email: F.email },
    create: { email: F.email, name: "Idle Fixture", role: "staff", passwordHash: await hashPassword("idle fixture never signs in") },
    update: {},
  });
  const now = Date.now();
  const rows = [
    { id: F.idleSessionId, lastSeenAt: new Date(now - 20 * 60_000), createdAt: new Date(now - 60 * 60_000), expiresAt: new Date(now + 7 * 3_600_000) },
    { id: F.expiredSessionId, lastSeenAt: new Date(now - 60_000), createdAt: new Date(now - 9 * 3_600_000), expiresAt: new Date(now - 3_600_000) },
  ];
  for (const r of rows) await db.authSession.upsert({ where: { id: r.id }, create: { ...r, userId: user.id }, update: r });
  console.log(`[e2e] session fixtures for ${F.email}`);
}

main().then(
  () => closeDb().then(() => process.exit(0)),
  (err: unknown) => {
    console.error(err);
    return closeDb().then(() => process.exit(1));
  },
);
