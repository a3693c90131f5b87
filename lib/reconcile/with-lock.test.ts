import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type LockModule = typeof import("./with-lock");

// The embedded database's lock is in memory. The interval reconciliation runs
// in instrumentation.ts's bundle; a run started from any other bundle (a route,
// a page action) has its own copy of this module and must still see it held.
const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, {
    DATABASE_URL: "",
    NEXTAUTH_SECRET: "test-nextauth-secret-0123456789abcdefghijkl",
    OMISE_SECRET_KEY: "skey_test_lock",
    OMISE_WEBHOOK_SECRET: Buffer.from("konbini-desk-test-webhook-secret").toString("base64"),
  });
});
afterAll(() => {
  process.env = saved;
});

async function twoCopies(): Promise<[LockModule, LockModule]> {
  vi.resetModules();
  const a = await import("./with-lock");
  vi.resetModules();
  const b = await import("./with-lock");
  return [a, b];
}

describe("withReconcileLock on the embedded database", () => {
  it("is one lock for the process, whichever bundle's copy takes it", async () => {
    const [a, b] = await twoCopies();
    expect(a.withReconcileLock).not.toBe(b.withReconcileLock); // really two copies
    let release!: () => void;
    const held = a.withReconcileLock(() => new Promise<string>((r) => (release = () => r("first"))));
    expect(await b.withReconcileLock(async () => "second")).toEqual({ ran: false });
    expect(await a.withReconcileLock(async () => "again")).toEqual({ ran: false });
    release();
    expect(await held).toEqual({ ran: true, result: "first" });
    expect(await b.withReconcileLock(async () => "after")).toEqual({ ran: true, result: "after" });
  });

  it("is released when the run fails", async () => {
    const [a, b] = await twoCopies();
    await expect(a.withReconcileLock(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await b.withReconcileLock(async () => 1)).toEqual({ ran: true, result: 1 });
  });
});
