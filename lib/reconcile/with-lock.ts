import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-state";

// One reconciliation at a time across every app instance: a PostgreSQL
// session advisory lock on a dedicated connection (released if the process
// dies). The embedded database admits one process, so a flag suffices there,
// but it must be the process's flag, not one per bundle.
// Arbitrary, fixed for this app; one per job (the reminder scan has its own, lib/messages/reminders.ts).
const LOCKS = { reconcileLock: 724_611_001, reminderLock: 724_611_002 } as const;

export function withReconcileLock<T>(fn: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
  return withAdvisoryLock("reconcileLock", fn);
}

/** Run `fn` unless another instance (or bundle) of this process holds the same job's lock. */
export async function withAdvisoryLock<T>(name: keyof typeof LOCKS, fn: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
  const LOCK_KEY = LOCKS[name];
  const url = env().DATABASE_URL;
  if (!url) {
    const lock = processSingleton(name, () => ({ busy: false }));
    if (lock.busy) return { ran: false };
    lock.busy = true;
    try {
      return { ran: true, result: await fn() };
    } finally {
      lock.busy = false;
    }
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [LOCK_KEY]);
    if (!rows[0]?.locked) return { ran: false };
    try {
      return { ran: true, result: await fn() };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
