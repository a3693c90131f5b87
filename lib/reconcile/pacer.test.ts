import { describe, expect, it } from "vitest";
import { createPacer } from "@/lib/reconcile/pacer";

describe("createPacer", () => {
  it("lets calls start at most N per second, even when requested at once", async () => {
    const pace = createPacer(20);
    const started: number[] = [];
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 6 }, async () => {
      await pace();
      started.push(Date.now() - t0);
    }));
    started.sort((a, b) => a - b);
    for (let i = 1; i < started.length; i++) expect((started[i] ?? 0) - (started[i - 1] ?? 0)).toBeGreaterThanOrEqual(40);
    expect(started.at(-1)).toBeGreaterThanOrEqual(240);
  });

  it("does not wait when unlimited", async () => {
    const pace = createPacer(0);
    const t0 = Date.now();
    for (let i = 0; i < 100; i++) await pace();
    expect(Date.now() - t0).toBeLessThan(50);
  });
});
