import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { publishProcessValue } from "@/lib/process-state";
import { LEADERSHIP_KEYS, leads, leadershipStatus, noteRun, seekLeadership, stopLeadership } from "@/lib/instances/leadership";
import { waitFor } from "./helpers";

// The leadership of the background jobs (lib/instances/leadership.ts) in this process, with another
// PostgreSQL session standing in for another instance. The whole thing with two real instances
// behind nginx: tests/multi-instance.instances.test.ts.
const onPostgres = Boolean(process.env.DATABASE_URL);
process.env.LEADERSHIP_RETRY_SECONDS = "1";
process.env.INSTANCE_ID = "kd-leadership-test";
publishProcessValue("env", undefined); // read the two above

afterAll(() => stopLeadership());

describe.skipIf(onPostgres)("leadership on the embedded database", () => {
  it("leads every job it runs (one process), and only those", async () => {
    seekLeadership("reconcile");
    expect(leads("reconcile")).toBe(true);
    expect(leads("outbox")).toBe(false);
    noteRun("reconcile");
    expect(leadershipStatus()).toEqual({ instance: "kd-leadership-test", leads: ["reconcile"], runs: { reconcile: 1, reminders: 0, outbox: 0 } });
    await stopLeadership();
    expect(leads("reconcile")).toBe(false);
  });
});

describe.skipIf(!onPostgres)("leadership on PostgreSQL", () => {
  const session = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    return c;
  };
  const tryLock = async (c: pg.Client, key: number) => (await c.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1) AS got", [key])).rows[0]!.got;

  it("waits while another instance leads, takes over within a beat of its death, and hands over on stop", async () => {
    const other = await session();
    expect(await tryLock(other, LEADERSHIP_KEYS.reconcile)).toBe(true); // another instance leads
    seekLeadership("reconcile");
    seekLeadership("outbox");
    await waitFor(async () => leads("outbox"), 3_000);
    await new Promise((r) => setTimeout(r, 1_500)); // a beat or more: still not ours
    expect(leads("reconcile")).toBe(false);
    expect(leadershipStatus().leads).toEqual(["outbox"]);

    const diedAt = Date.now();
    await other.end(); // that instance's connection goes, as when its process dies
    await waitFor(async () => leads("reconcile"), 3_000);
    expect(Date.now() - diedAt).toBeLessThan(2_500);

    const probe = await session();
    try {
      expect(await tryLock(probe, LEADERSHIP_KEYS.reconcile)).toBe(false); // held by us: nobody else can lead
      await stopLeadership();
      expect(leadershipStatus().leads).toEqual([]);
      expect(await tryLock(probe, LEADERSHIP_KEYS.reconcile)).toBe(true); // freed at once by the stop
      expect(await tryLock(probe, LEADERSHIP_KEYS.outbox)).toBe(true);
    } finally {
      await probe.end();
    }
  });

  it("stops leading at once when its lock connection is cut, and leads again once it reconnects", async () => {
    seekLeadership("reminders");
    await waitFor(async () => leads("reminders"), 3_000);
    const admin = await session();
    try {
      const { rows } = await admin.query<{ n: number }>(
        "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'konbini-desk leader kd-leadership-test'",
      );
      expect(rows[0]!.n).toBe(1);
      await waitFor(async () => !leads("reminders"), 2_000);
      await waitFor(async () => leads("reminders"), 4_000);
    } finally {
      await admin.end();
      await stopLeadership();
    }
  });
});
