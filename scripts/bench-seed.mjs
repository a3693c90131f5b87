// Seeding and signing in for the benchmarks (npm run bench, npm run bench:export).
/**
 * `charges` charges (20 staff, 31 s apart ending now, the newest 10,000 pending) and
 * `eventsPerCharge` timeline events each, with generate_series, in chunks so each statement's
 * trigger work stays bounded. `client` is a connected pg.Client. Returns the seconds it took.
 */
export async function seedCharges(client, { charges: CHARGES, eventsPerCharge: EVENTS_PER_CHARGE, log = console.log }) {
  const started = Date.now();
  log(`seeding ${CHARGES.toLocaleString()} charges and ${(CHARGES * EVENTS_PER_CHARGE).toLocaleString()} events…`);
  await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
    SELECT 'bench_staff_' || g, 'staff' || g || '@bench.example.jp', 'スタッフ' || g, 'x', 'staff', now() FROM generate_series(1, 20) g`);
  // A bulk load builds the trigram index once at the end instead of row by row (the usual
  // practice for GIN); the triggers that keep the counts and the search text stay on.
  await client.query(`DROP INDEX "Charge_searchText_trgm_idx"`);
  const chunk = 100_000;
  for (let lo = 1; lo <= CHARGES; lo += chunk) {
    const hi = Math.min(CHARGES, lo + chunk - 1);
    await client.query(
      `INSERT INTO "Charge" (id, reference, status, amount, currency, "customerName", "customerEmail", "customerPhone", description,
         "createdById", "createdAt", "updatedAt", "expiresAt", "paidAt", "expiredAt", "failureCode", "failureMessage")
       SELECT 'chrg_bench_' || lpad(g::text, 7, '0'), 'kd_bench_' || g, s, 500 + (g::bigint * 37) % 50000, 'JPY',
         (ARRAY['スズキ', 'タナカ', 'サトウ', 'タカハシ', 'ワタナベ', 'イトウ', 'ヤマモト', 'ナカムラ'])[1 + g % 8] || (g % 1000),
         'cust' || g || '@example.jp', '090' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0'), '電話注文 #' || g,
         'bench_staff_' || (1 + g % 20), c, c, c + interval '3 days',
         CASE WHEN s = 'successful' THEN c + interval '5 hours' END,
         CASE WHEN s = 'expired' THEN c + interval '3 days' END,
         CASE WHEN s = 'failed' THEN 'payment_cancelled' END,
         CASE WHEN s = 'failed' THEN 'The customer cancelled the payment.' END
       FROM (SELECT g, now() - ((${CHARGES} - g) * interval '31 seconds') AS c,
               CASE WHEN g > ${CHARGES - 10_000} THEN 'pending' WHEN g % 20 = 0 THEN 'failed' WHEN g % 4 = 0 THEN 'expired' ELSE 'successful' END AS s
             FROM generate_series($1::int, $2::int) g) x`,
      [lo, hi],
    );
    if (EVENTS_PER_CHARGE > 0) await client.query(
      `INSERT INTO "ChargeEvent" (id, "chargeId", kind, source, "fromStatus", "toStatus", at)
       SELECT 'evt_bench_' || g || '_' || k, 'chrg_bench_' || lpad(g::text, 7, '0'),
         CASE k WHEN 1 THEN 'created' WHEN 2 THEN 'synced' ELSE 'status_changed' END,
         CASE k WHEN 1 THEN 'user' WHEN 2 THEN 'sync' ELSE 'webhook' END,
         CASE k WHEN 3 THEN 'pending' END, CASE k WHEN 3 THEN 'successful' END,
         now() - ((${CHARGES} - g) * interval '31 seconds') + k * interval '1 minute'
       FROM generate_series($1::int, $2::int) g, generate_series(1, ${EVENTS_PER_CHARGE}) k`,
      [lo, hi],
    );
    log(`  ${hi.toLocaleString()} charges (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  await client.query(`CREATE INDEX "Charge_searchText_trgm_idx" ON "Charge" USING gin ("searchText" gin_trgm_ops)`);
  await client.query(`VACUUM ANALYZE "Charge"`);
  await client.query(`VACUUM ANALYZE "ChargeEvent"`);
  const seconds = (Date.now() - started) / 1000;
  const { rows } = await client.query(`SELECT (SELECT count(*) FROM "Charge") AS c, (SELECT count(*) FROM "ChargeEvent") AS e`);
  log(`seeded ${Number(rows[0].c).toLocaleString()} charges, ${Number(rows[0].e).toLocaleString()} events in ${seconds.toFixed(0)} s`);
  return seconds;
}

/** Signs in at `base` through next-auth's credentials flow; returns the Cookie header. */
export async function signInAs(base, ADMIN) {
  const port = new URL(base).port;
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const jar = new Map();
  const keepCookies = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keepCookies(csrfRes);
  const { csrfToken } = await csrfRes.json();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(), Origin: `http://localhost:${port}` },
    body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password, json: "true" }),
  });
  keepCookies(res);
  const check = await fetch(`${base}/api/charges?limit=1`, { headers: { Cookie: cookieHeader() } });
  if (check.status !== 200) throw new Error(`signing in failed: /api/charges answered ${check.status}`);
  return cookieHeader();
}


/**
 * Wait until the running app has caught up with the reminders that seeding made due at once: the
 * newest seeded charges are pending with deadlines within a day, so the app's reminder scan (first
 * 30 s after start, lib/messages/reminder-schedule.ts) queues one outbox row for each, and its
 * outbox sender then renders and captures every one. A run measured while either goes on measures
 * the catch-up, not the request (the first fresh run's idle polling read 84% of a core; a later run
 * that stopped waiting before the first scan measured its list requests and ratio while the sender
 * captured 2,800 messages). Done when at most `rest` charges are left to queue and at most `rest`
 * messages are due and unsent, or when a count has stopped falling for 15 s (new candidates enter
 * the window as time passes; daytime-only messages wait for the morning). Returns the seconds it
 * waited and how many were queued and sent meanwhile.
 */
export async function waitForReminderCatchUp(client, { rest = 50, log = console.log, timeoutSeconds = 900 } = {}) {
  const started = Date.now();
  const count = async (sql) => Number((await client.query(sql)).rows[0].c);
  const candidates = () =>
    count(`SELECT count(*) AS c FROM "Charge" c
          WHERE c."status" = 'pending' AND c."expiresAt" > now() AND c."expiresAt" <= now() + interval '24 hours' AND c."remindersEnabled"
            AND NOT EXISTS (SELECT 1 FROM "OutboundMessage" m WHERE m."dedupeKey" = 'reminder-' || c."id" || '-1')`);
  const unsent = () => count(`SELECT count(*) AS c FROM "OutboundMessage" WHERE "state" = 'queued' AND "notBefore" <= now()`);
  const queued = () => count(`SELECT count(*) AS c FROM "OutboundMessage" WHERE "kind" = 'reminder'`);
  const sent = () => count(`SELECT count(*) AS c FROM "OutboundMessage" WHERE "state" <> 'queued'`);
  const [queuedBefore, sentBefore] = [await queued(), await sent()];
  const timedOut = () => Date.now() - started >= timeoutSeconds * 1000;
  /** Poll `what` every 5 s until it is at most `rest` or has not fallen for 3 polls (not before `patienceMs`). */
  const settle = async (what, label, patienceMs) => {
    let left = await what();
    if (left > rest) log(`waiting for the app to ${label} (${left.toLocaleString()})…`);
    let stuck = 0;
    while (left > rest && !timedOut() && (stuck < 3 || Date.now() - started < patienceMs)) {
      await new Promise((r) => setTimeout(r, 5000));
      const now = await what();
      stuck = now < left ? 0 : stuck + 1;
      left = now;
    }
    return left;
  };
  // The first scan runs 30 s after the app started: no verdict of "stuck" before it has had its chance.
  const left = await settle(candidates, "queue the reminders seeding made due", 60_000);
  const unsentLeft = await settle(unsent, "send the queued messages", 0);
  const seconds = (Date.now() - started) / 1000;
  const made = (await queued()) - queuedBefore;
  const delivered = (await sent()) - sentBefore;
  if (made || delivered) log(`  ${made.toLocaleString()} reminders queued and ${delivered.toLocaleString()} messages sent in ${seconds.toFixed(0)} s; ${left} charges left in the window, ${unsentLeft} messages unsent`);
  return { seconds, queued: made, sent: delivered, left, unsent: unsentLeft };
}
