import "server-only";
import os from "node:os";
import pg from "pg";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-state";

// Several app instances on one PostgreSQL: each background job (the reconciliation, the reminder
// scan, the outbox sender) runs on exactly one of them at a time, the job's leader. Leading is
// holding a PostgreSQL session advisory lock, one per job, on a connection of its own
// (`application_name` "konbini-desk leader <instance>", visible in pg_stat_activity):
//
// - An instance that does not lead an enabled job tries to take it every LEADERSHIP_RETRY_SECONDS.
// - The leader checks its connection on the same beat; a query that fails or takes over 5 s ends
//   the connection (which frees the locks at the server) and the instance stops leading at once.
// - A leader that dies (kill -9, a crash) closes its socket and PostgreSQL frees its locks at once;
//   one whose host vanished is dropped by the server's TCP keepalives (set on the session) within
//   about 25 s. Either way another instance leads within LEADERSHIP_RETRY_SECONDS after that.
// - Shutdown ends the connection first thing, so another instance takes over within one beat.
//
// The passes keep their own guards (the per-pass advisory locks in lib/reconcile/with-lock.ts, the
// outbox's SKIP LOCKED row leases), so even a leader cut off mid-pass cannot double anything. On the
// embedded database there is one process: it leads every job it runs.

export const JOBS = ["reconcile", "reminders", "outbox"] as const;
export type Job = (typeof JOBS)[number];

/** Lock keys, fixed for this app and distinct from the per-pass locks (724_611_001, 724_611_002). */
export const LEADERSHIP_KEYS: Record<Job, number> = { reconcile: 724_611_101, reminders: 724_611_102, outbox: 724_611_103 };
/** The channel on which a message queued on any instance wakes the outbox's leader. */
export const OUTBOX_CHANNEL = "konbini_desk_outbox";
const QUERY_TIMEOUT_MS = 5_000;

type State = {
  wanted: Set<Job>;
  held: Set<Job>;
  runs: Record<Job, number>;
  onWake: Map<Job, () => void>;
  client: pg.Client | null;
  timer: NodeJS.Timeout | null;
  ticking: boolean;
};

const state = (): State =>
  processSingleton("leadership", () => ({
    wanted: new Set<Job>(),
    held: new Set<Job>(),
    runs: { reconcile: 0, reminders: 0, outbox: 0 },
    onWake: new Map<Job, () => void>(),
    client: null,
    timer: null,
    ticking: false,
  }));

/** This instance's name: INSTANCE_ID, else host name and process id (server.mjs sets INSTANCE_ID to the same). */
export function instanceId(): string {
  return env().INSTANCE_ID ?? `${os.hostname()}-${process.pid}`;
}

const onPostgres = (): boolean => Boolean(env().DATABASE_URL);

/**
 * This instance runs `job` (its schedule started): try to lead it now and on every beat.
 * `onWake` is called when another instance asks the leader to run now (the outbox, via NOTIFY).
 */
export function seekLeadership(job: Job, onWake?: () => void): void {
  const s = state();
  s.wanted.add(job);
  if (onWake) s.onWake.set(job, onWake);
  if (!onPostgres()) return;
  if (!s.timer) {
    s.timer = setInterval(() => void beat(s), env().LEADERSHIP_RETRY_SECONDS * 1000);
    s.timer.unref();
  }
  void beat(s);
}

/** Whether this instance leads `job` now: the job's schedule runs a pass only then. */
export function leads(job: Job): boolean {
  const s = state();
  return onPostgres() ? s.held.has(job) : s.wanted.has(job);
}

/** A pass of `job` ran here (shown in /api/health). */
export function noteRun(job: Job): void {
  state().runs[job] += 1;
}

/** For /api/health: who this is, which jobs it leads and how many passes of each it ran since it started. */
export function leadershipStatus(): { instance: string; leads: Job[]; runs: Record<Job, number> } {
  const s = state();
  return { instance: instanceId(), leads: JOBS.filter((j) => leads(j)), runs: { ...s.runs } };
}

/** Ask the outbox's leader, wherever it runs, to deliver now. */
export async function notifyOutboxLeader(pool: pg.Pool): Promise<void> {
  await pool.query("SELECT pg_notify($1, '')", [OUTBOX_CHANNEL]);
}

/** Stop leading (server shutdown): end the lock connection, so another instance takes over within one beat. */
export async function stopLeadership(): Promise<void> {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
  s.wanted.clear();
  const client = s.client;
  if (!client) return;
  s.client = null;
  if (s.held.size) console.info(`[leader] ${instanceId()} hands over ${[...s.held].join(", ")} (shutting down)`);
  s.held.clear();
  await client.end().catch(() => undefined);
}

function lose(s: State, client: pg.Client, why: string): void {
  if (s.client !== client) return;
  s.client = null;
  if (s.held.size) console.warn(`[leader] ${instanceId()} no longer leads ${[...s.held].join(", ")} (${why})`);
  s.held.clear();
  void client.end().catch(() => undefined);
}

async function connect(s: State): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    connectionTimeoutMillis: QUERY_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    keepAlive: true,
    application_name: `konbini-desk leader ${instanceId()}`.slice(0, 63),
  });
  client.on("error", (err) => lose(s, client, err.message));
  client.on("end", () => lose(s, client, "connection closed"));
  client.on("notification", (n) => {
    if (n.channel === OUTBOX_CHANNEL && s.held.has("outbox")) s.onWake.get("outbox")?.();
  });
  await client.connect();
  try {
    // The server drops the session, freeing its locks, about 25 s after this host stops answering.
    await client.query("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3");
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  s.client = client;
  return client;
}

/** One beat: (re)connect, check the connection and try the jobs not yet led, in one round trip. */
async function beat(s: State): Promise<void> {
  if (s.ticking) return;
  s.ticking = true;
  let client: pg.Client | null = s.client;
  try {
    client ??= await connect(s);
    const toTry = JOBS.filter((j) => s.wanted.has(j) && !s.held.has(j));
    const { rows } = await client.query<{ job: Job; got: boolean }>(
      "SELECT t.job, pg_try_advisory_lock(t.key) AS got FROM unnest($1::text[], $2::bigint[]) AS t(job, key)",
      [toTry, toTry.map((j) => LEADERSHIP_KEYS[j])],
    );
    if (s.client !== client) return; // lost while the query ran; its session, and any lock, is gone
    for (const { job, got } of rows) {
      if (!got) continue;
      s.held.add(job);
      console.info(`[leader] ${instanceId()} now leads ${job}`);
      if (job === "outbox") await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      s.onWake.get(job)?.();
    }
  } catch (err) {
    if (client) lose(s, client, err instanceof Error ? err.message : String(err));
    else console.warn(`[leader] ${instanceId()} cannot reach the database to lead ${[...s.wanted].join(", ")}: ${err instanceof Error ? err.message : err}`);
  } finally {
    s.ticking = false;
  }
}
