// Several instances (issue 10): two built app instances (server.mjs, each its own process) on one
// fresh PostgreSQL database behind Debian's nginx, with the Omise simulator delivering webhooks
// through nginx. Needs the production build (`npx next build`; npm test runs this after it).
// Run alone: TEST_DATABASE_URL=postgresql://root@127.0.0.1:5432/postgres npx vitest run --project instances
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPayload } from "@/lib/omise/signature";
import { startSimulator, type RunningSimulator } from "../simulator/server.mjs";
import { TEST_NEXTAUTH_SECRET, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, freshDatabase, migrate } from "./test-env.mjs";
import { startNginx } from "../scripts/ensure-nginx.mjs";
import { Browser } from "./next-auth-http";

// Ports of this test's block (5100–5199): nginx, then the instances.
const NGINX_PORT = Number(process.env.INSTANCES_TEST_PORT ?? 5100);
const PORTS = { a: NGINX_PORT + 1, b: NGINX_PORT + 2 } as const;
type Name = keyof typeof PORTS;
const ADMIN = { email: "admin@example.jp", password: "instances-admin-password" };
const JOBS = ["outbox", "reconcile", "reminders"] as const;
const RETRY_SECONDS = 1;
const ROOT = path.resolve(import.meta.dirname, "..");

/** The PostgreSQL to run on: TEST_DATABASE_URL, else the machine's own; null (and why) when none answers. */
async function findPostgres(): Promise<{ url: string } | { why: string }> {
  const url = process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { url };
  } catch (err) {
    return { why: `no PostgreSQL answers at ${new URL(url).host} (${err instanceof Error ? err.message : err})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

const postgres = await findPostgres();
if ("why" in postgres) console.warn(`[instances] SKIPPED: the multi-instance test needs PostgreSQL: ${postgres.why}. Set TEST_DATABASE_URL.`);

type Health = { status: string; instance: string; leads: string[]; runs: Record<(typeof JOBS)[number], number> };
type Instance = { name: Name; port: number; url: string; child: ChildProcess; log: string[] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(100);
  }
}

describe.skipIf("why" in postgres)("two instances behind nginx on one PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let sql: pg.Pool;
  let sim: RunningSimulator;
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  const instances = {} as Record<Name, Instance>;
  let browser: Browser;
  let env: Record<string, string>;
  // Every 250 ms, both instances' health: for "never two leaders of one job at once".
  const samples: { at: number; a: Health | null; b: Health | null }[] = [];
  let sampler: NodeJS.Timeout | undefined;

  const health = async (i: Instance): Promise<Health | null> => {
    if (i.child.exitCode !== null || i.child.signalCode !== null) return null;
    const res = await fetch(`${i.url}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    return res?.ok ? ((await res.json()) as Health) : null;
  };

  function spawnInstance(name: Name): Promise<Instance> {
    const port = PORTS[name];
    const child = spawn(process.execPath, [path.join(ROOT, "server.mjs")], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), INSTANCE_ID: `kd-${name}` }, stdio: ["ignore", "pipe", "pipe"] });
    const log: string[] = [];
    for (const stream of [child.stdout, child.stderr]) stream?.on("data", (d: Buffer) => log.push(...d.toString().split("\n").filter(Boolean)));
    const instance = { name, port, url: `http://127.0.0.1:${port}`, child, log };
    return waitFor(`instance ${name} on port ${port}`, async () => (child.exitCode === null ? (await health(instance)) && instance : Promise.reject(new Error(log.join("\n")))), 60_000);
  }

  beforeAll(async () => {
    if ("why" in postgres) return;
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("The multi-instance test serves the production build: run `npx next build` first (npm test does).");
    db = await freshDatabase(postgres.url, "kd_inst");
    sql = new pg.Pool({ connectionString: db.env.DATABASE_URL, max: 2 });
    const publicUrl = `http://127.0.0.1:${NGINX_PORT}`;
    sim = await startSimulator({ port: 0, secretKey: TEST_SECRET_KEY, webhookSecret: TEST_WEBHOOK_SECRET, webhookUrl: `${publicUrl}/api/webhooks/omise` });
    env = {
      ...db.env,
      NODE_ENV: "production",
      NEXTAUTH_URL: publicUrl, // the one public URL, the same on every instance
      NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET,
      OMISE_SECRET_KEY: TEST_SECRET_KEY,
      OMISE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      OMISE_API_URL: sim.url,
      TRUST_PROXY: "1",
      REQUIRE_2FA: "false",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SMTP_URL: "", // captured, not sent: one row per message either way
      MAIL_FROM: "",
      UNKNOWN_ATTEMPT_GRACE_SECONDS: "0",
      RECONCILE_MAX_CALLS_PER_SECOND: "0",
      RECONCILE_INTERVAL_SECONDS: "2",
      REMINDER_INTERVAL_SECONDS: "2",
      // Long: a message sent within seconds was woken (NOTIFY from whichever instance queued it).
      OUTBOX_INTERVAL_SECONDS: "60",
      LEADERSHIP_RETRY_SECONDS: String(RETRY_SECONDS),
    };
    migrate(env); // once, before any instance starts
    const seed = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: "ignore" });
    const [code] = (await once(seed, "exit")) as [number];
    if (code !== 0) throw new Error(`seed failed (exit ${code})`);
    const [a, b] = await Promise.all([spawnInstance("a"), spawnInstance("b")]);
    Object.assign(instances, { a, b });
    nginx = await startNginx({ port: NGINX_PORT, upstreams: [`127.0.0.1:${PORTS.a}`, `127.0.0.1:${PORTS.b}`] });
    browser = new Browser(nginx.url);
    sampler = setInterval(() => {
      const at = Date.now();
      void Promise.all([health(instances.a), health(instances.b)]).then(([ha, hb]) => samples.push({ at, a: ha, b: hb }));
    }, 250);
  }, 120_000);

  afterAll(async () => {
    clearInterval(sampler);
    await nginx?.stop();
    await Promise.all(
      Object.values(instances).map(async (i) => {
        if (i.child.exitCode !== null || i.child.signalCode !== null) return;
        i.child.kill("SIGTERM");
        await once(i.child, "exit");
      }),
    );
    await sim?.close();
    await sql?.end();
    await db?.drop();
  }, 60_000);

  it("splits requests between both instances, each naming itself in X-KD-Instance", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${nginx.url}/api/health`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Health;
      expect(body.instance).toBe(res.headers.get("x-kd-instance")); // the header and the health body agree
      seen.add(body.instance);
    }
    expect([...seen].sort()).toEqual(["kd-a", "kd-b"]);
  });

  it("signs in through nginx, and the session works on both instances (directly and through nginx)", async () => {
    expect(await browser.signIn(ADMIN)).toBeNull();
    expect(browser.hasSession()).toBe(true);
    const servedBy = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await browser.fetch("/api/charges?limit=5");
      expect(res.status).toBe(200);
      servedBy.add(res.headers.get("x-kd-instance") ?? "");
    }
    expect([...servedBy].sort()).toEqual(["kd-a", "kd-b"]);
    for (const i of Object.values(instances)) {
      const res = await fetch(`${i.url}/api/charges?limit=5`, { headers: { Cookie: browser.cookieHeader() } });
      expect(res.status, i.name).toBe(200);
      expect(res.headers.get("x-kd-instance")).toBe(`kd-${i.name}`);
    }
    // A state-changing request through the proxy passes the origin check (TRUST_PROXY, X-Forwarded-Host).
    const created = await createCharge(0);
    expect(created.id).toMatch(/^chrg_/);
  });

  let n = 0;
  const createCharge = async (i: number): Promise<{ id: string }> => {
    n += 1;
    const tag = `${Date.now() % 1e6}${n}`.padStart(8, "0").slice(-8);
    const res = await browser.fetch("/api/charges", { json: { amount: 1_000 + i, customerName: `タスウ${i}`, customerEmail: `multi-${tag}@example.jp`, customerPhone: `090${tag}` } });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as { id: string };
  };

  it("leads each background job on exactly one instance, and only the leader runs it", async () => {
    const leaders = await waitFor(
      "a leader for every job",
      async () => {
        const [ha, hb] = await Promise.all([health(instances.a), health(instances.b)]);
        const all = [...(ha?.leads ?? []), ...(hb?.leads ?? [])].sort();
        return all.join() === JOBS.join() && { a: ha!, b: hb! };
      },
      10_000,
    );
    // Let the reconciliation and the reminder scan run a few times (every 2 s).
    await sleep(5_000);
    const [ha, hb] = [(await health(instances.a))!, (await health(instances.b))!];
    for (const job of ["reconcile", "reminders"] as const) {
      const [leader, other] = leaders.a.leads.includes(job) ? [ha, hb] : [hb, ha];
      expect(leader.runs[job], `${job} passes on its leader ${leader.instance}`).toBeGreaterThanOrEqual(2);
      expect(other.runs[job], `${job} passes on ${other.instance}, which does not lead it`).toBe(0);
    }
    const logged = Object.values(instances).flatMap((i) => i.log.filter((l) => l.startsWith("[leader]")));
    for (const job of JOBS) expect(logged.filter((l) => l.endsWith(`now leads ${job}`)), job).toHaveLength(1);
  });

  it("sends each queued message once, from the outbox's leader, whichever instance queued it", async () => {
    const charges = [];
    for (let i = 1; i <= 4; i++) charges.push(await createCharge(i));
    const queuedBy = new Set<string>();
    for (const c of charges) {
      for (let k = 0; k < 2; k++) {
        const res = await browser.fetch(`/api/charges/${c.id}/messages`, { json: { channel: "email" } });
        expect(res.status).toBe(202);
        queuedBy.add(res.headers.get("x-kd-instance") ?? "");
      }
    }
    expect([...queuedBy].sort()).toEqual(["kd-a", "kd-b"]); // so the non-leader woke the leader
    const ids = charges.map((c) => c.id);
    // OUTBOX_INTERVAL_SECONDS is 60: only the wake-up (NOTIFY to the leader) sends them this fast.
    await waitFor(
      "every message captured",
      async () => (await sql.query(`SELECT count(*)::int AS n FROM "OutboundMessage" WHERE "chargeId" = ANY($1) AND state = 'captured'`, [ids])).rows[0].n === 8,
      10_000,
    );
    const { rows } = await sql.query(`SELECT attempts FROM "OutboundMessage" WHERE "chargeId" = ANY($1)`, [ids]);
    expect(rows.map((r) => r.attempts)).toEqual(Array(8).fill(1));
    const events = await sql.query(`SELECT count(*)::int AS n FROM "ChargeEvent" WHERE "chargeId" = ANY($1) AND kind = 'message_captured'`, [ids]);
    expect(events.rows[0].n).toBe(8);
    const [ha, hb] = [(await health(instances.a))!, (await health(instances.b))!];
    const other = ha.leads.includes("outbox") ? hb : ha;
    expect(other.runs.outbox, `outbox passes on ${other.instance}, which does not lead it`).toBe(0);
  });

  const sign = (event: object) => {
    const rawBody = JSON.stringify(event);
    const ts = String(Math.floor(Date.now() / 1000));
    return { rawBody, headers: { "Content-Type": "application/json", "Omise-Signature": signPayload(rawBody, ts, TEST_WEBHOOK_SECRET), "Omise-Signature-Timestamp": ts } };
  };

  it("stores each webhook once, delivered through nginx by the simulator and directly to both instances", async () => {
    const paid = await createCharge(10);
    await fetch(`${sim.url}/charges/${paid.id}/mark_as_paid`, { method: "POST", headers: { Authorization: `Basic ${Buffer.from(`${TEST_SECRET_KEY}:`).toString("base64")}` } });
    await waitFor("the simulator's webhook, through nginx", async () => (await sql.query(`SELECT status FROM "Charge" WHERE id = $1`, [paid.id])).rows[0]?.status === "successful", 10_000);
    // The same signed event to nginx and to each instance directly, several times, all at once.
    const other = await createCharge(11);
    const id = `evnt_test_multi${Date.now()}`;
    const e = sign({ object: "event", id, key: "charge.create", created_at: new Date().toISOString(), data: { object: "charge", id: other.id } });
    const targets = [nginx.url, instances.a.url, instances.b.url, nginx.url, instances.a.url, instances.b.url];
    const answers = await Promise.all(targets.map((t) => fetch(`${t}/api/webhooks/omise`, { method: "POST", headers: e.headers, body: e.rawBody })));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect((await sql.query(`SELECT count(*)::int AS n FROM "WebhookEvent" WHERE id = $1`, [id])).rows[0].n).toBe(1);
    // Deliveries through nginx (the simulator's and the two above) reached both instances.
    const webhookLines = nginx.accessLog().filter((l) => l.startsWith("POST /api/webhooks/omise 200"));
    const webhookUpstreams = new Set(webhookLines.map((l) => l.split(" ")[4]));
    expect([...webhookUpstreams].sort(), nginx.accessLog().join("\n")).toEqual(["kd-a", "kd-b"]);
    const dup = await sql.query(`SELECT id, count(*) FROM "WebhookEvent" GROUP BY id HAVING count(*) > 1`);
    expect(dup.rows).toEqual([]);
  });

  it("hands every job to the other instance within seconds when the leader is killed (kill -9), and every charge ends as Omise has it", async () => {
    const charges = [];
    for (let i = 20; i < 26; i++) charges.push(await createCharge(i));
    const [ha] = [(await health(instances.a))!];
    const leader = ha.leads.includes("reconcile") ? instances.a : instances.b;
    const survivor = leader === instances.a ? instances.b : instances.a;
    // Webhooks are lost from here on: only the survivor's reconciliation can bring these changes in.
    await fetch(`${sim.url}/_sim/config`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ webhook_url: null }) });
    const auth = { Authorization: `Basic ${Buffer.from(`${TEST_SECRET_KEY}:`).toString("base64")}` };
    const outcomes = ["mark_as_paid", "mark_as_failed", "expire"];
    for (const [i, c] of charges.entries()) if (i % 4 !== 3) await fetch(`${sim.url}/charges/${c.id}/${outcomes[i % 3]}`, { method: "POST", headers: auth });

    const killedAt = Date.now();
    leader.child.kill("SIGKILL");
    await once(leader.child, "exit");
    const took = await waitFor(
      `${survivor.name} to lead every job`,
      async () => {
        const h = await health(survivor);
        return h && [...h.leads].sort().join() === JOBS.join() && Date.now() - killedAt;
      },
      15_000,
    );
    console.info(`[instances] kd-${survivor.name} led every job ${took} ms after kd-${leader.name} was killed`);
    // Leadership moves within one retry beat of the holder's death (its socket closes; PostgreSQL frees the lock).
    expect(took).toBeLessThan((RETRY_SECONDS + 3) * 1000);
    for (const job of ["reconcile", "reminders", "outbox"]) expect(survivor.log.some((l) => l === `[leader] kd-${survivor.name} now leads ${job}`), job).toBe(true);

    // The proxy keeps answering, from the survivor.
    for (let i = 0; i < 4; i++) {
      const res = await browser.fetch("/api/charges?limit=5");
      expect(res.status).toBe(200);
      expect(res.headers.get("x-kd-instance")).toBe(`kd-${survivor.name}`);
    }

    // Every charge's status equals the simulator's, brought in by the survivor's reconciliation.
    const wanted = async () => {
      const { rows } = await sql.query<{ id: string; status: string }>(`SELECT id, status FROM "Charge" ORDER BY id`);
      const wrong = rows.filter((r) => sim.state.charges[r.id]?.status !== r.status);
      return { rows, wrong };
    };
    const settled = await waitFor("every charge to match the simulator", async () => {
      const r = await wanted();
      return r.wrong.length === 0 && r.rows;
    }, 20_000).catch(async (err: unknown) => {
      const r = await wanted();
      throw new Error(`${err instanceof Error ? err.message : err}; differing: ${JSON.stringify(r.wrong.map((w) => [w.id, w.status, sim.state.charges[w.id]?.status]))}`);
    });
    expect(settled.length).toBe(n); // every charge the test created
    expect(new Set(settled.map((r) => r.status))).toEqual(new Set(["pending", "successful", "failed", "expired"]));
    await fetch(`${sim.url}/_sim/config`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ webhook_url: `${nginx.url}/api/webhooks/omise` }) });

    // Reconciliation passes never overlapped, whichever instance ran them.
    const runs = await sql.query<{ startedAt: Date; finishedAt: Date | null }>(`SELECT "startedAt", "finishedAt" FROM "ReconcileRun" ORDER BY "startedAt"`);
    expect(runs.rows.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < runs.rows.length; i++) {
      const prev = runs.rows[i - 1]!;
      // The killed leader's last pass may never have finished; any other ended before the next began.
      if (prev.finishedAt) expect(prev.finishedAt.getTime(), `run ${i - 1} ends before run ${i} starts`).toBeLessThanOrEqual(runs.rows[i]!.startedAt.getTime());
    }
  });

  it("never had two instances lead the same job at once", () => {
    const both = samples.filter((s) => s.a && s.b);
    expect(both.length).toBeGreaterThan(20);
    for (const s of both) for (const job of JOBS) expect(s.a!.leads.includes(job) && s.b!.leads.includes(job), `${job} at ${new Date(s.at).toISOString()}`).toBe(false);
  });
});
