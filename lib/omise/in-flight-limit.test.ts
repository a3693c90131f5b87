import { describe, expect, it } from "vitest";
import { InFlightLimit } from "./in-flight-limit";

const tick = () => new Promise((r) => setImmediate(r));

describe("InFlightLimit", () => {
  it("never runs more than max at once, and runs every call", async () => {
    const limit = new InFlightLimit(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit.run("read", async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 1 + (i % 4)));
          running -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(limit.status()).toEqual({ active: 0, waiting: 0 });
  });

  it("lets a waiting write go before waiting reads", async () => {
    const limit = new InFlightLimit(1);
    const order: string[] = [];
    let release!: () => void;
    const first = limit.run("read", () => new Promise<void>((r) => (release = r)));
    await tick();
    const reads = [1, 2].map((n) => limit.run("read", async () => void order.push(`read${n}`)));
    const write = limit.run("write", async () => void order.push("write"));
    expect(limit.status()).toEqual({ active: 1, waiting: 3 });
    release();
    await Promise.all([first, write, ...reads]);
    expect(order).toEqual(["write", "read1", "read2"]);
  });

  it("frees the slot when a call fails", async () => {
    const limit = new InFlightLimit(1);
    await expect(limit.run("read", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limit.run("write", async () => "ok")).resolves.toBe("ok");
    expect(limit.status()).toEqual({ active: 0, waiting: 0 });
  });
});
