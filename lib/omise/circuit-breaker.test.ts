import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "@/lib/omise/circuit-breaker";

function breaker() {
  let t = 1_000_000;
  const b = new CircuitBreaker({ now: () => t });
  return { b, advance: (ms: number) => (t += ms) };
}

describe("CircuitBreaker", () => {
  it("stays closed below 20 calls whatever fails", () => {
    const { b } = breaker();
    for (let i = 0; i < 19; i++) b.record(false);
    expect(b.state()).toBe("closed");
    expect(b.allow()).toBe(true);
  });

  it("opens at ≥ 50% failures over ≥ 20 calls in 30 s and then lets nothing through", () => {
    const { b } = breaker();
    for (let i = 0; i < 10; i++) b.record(true);
    for (let i = 0; i < 9; i++) b.record(false);
    expect(b.state()).toBe("closed");
    b.record(false);
    expect(b.state()).toBe("open");
    expect(b.allow()).toBe(false);
    expect(b.status().lastSuccessAt).not.toBeNull();
  });

  it("forgets calls older than the 30 s window", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 15; i++) b.record(false);
    advance(31_000);
    for (let i = 0; i < 10; i++) b.record(i < 4);
    expect(b.state()).toBe("closed");
  });

  it("half-opens after 30 s with one trial call that closes or re-opens it", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 20; i++) b.record(false);
    advance(29_999);
    expect(b.allow()).toBe(false);
    advance(1);
    expect(b.state()).toBe("half_open");
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false); // one trial at a time
    b.record(false);
    expect(b.state()).toBe("open");
    advance(30_000);
    expect(b.allow()).toBe(true);
    b.record(true);
    expect(b.state()).toBe("closed");
    expect(b.allow()).toBe(true);
  });
});
