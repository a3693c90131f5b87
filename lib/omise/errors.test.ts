import { describe, expect, it, vi } from "vitest";

type ErrorsModule = typeof import("./errors");

// Two copies of the module, as Next gives two bundles (a route handler and
// instrumentation.ts) that share one Omise client on globalThis.
async function twoCopies(): Promise<[ErrorsModule, ErrorsModule]> {
  vi.resetModules();
  const a = await import("./errors");
  vi.resetModules();
  const b = await import("./errors");
  return [a, b];
}

describe("Omise errors across bundle copies", () => {
  it("are recognised by instanceof in another copy of the module", async () => {
    const [a, b] = await twoCopies();
    expect(a.OmiseTransportError).not.toBe(b.OmiseTransportError); // really two copies
    const lost = new a.OmiseTransportError("network", "socket hang up");
    const refused = new a.OmiseApiError(400, "invalid_charge", "amount is invalid");
    const paused = new a.OmiseUnavailableError(null);
    expect(lost instanceof b.OmiseTransportError).toBe(true);
    expect(refused instanceof b.OmiseApiError).toBe(true);
    expect(paused instanceof b.OmiseUnavailableError).toBe(true);
    // A lost reply stays ambiguous, so a create is looked up, never treated as refused.
    expect(b.isAmbiguous(lost)).toBe(true);
    expect(b.isAmbiguous(new a.OmiseApiError(503, "service_unavailable", "down"))).toBe(true);
    expect(b.isAmbiguous(refused)).toBe(false);
  });

  it("do not mistake one kind for another or for a plain error", async () => {
    const [a, b] = await twoCopies();
    expect(new a.OmiseTransportError("timeout", "t") instanceof b.OmiseApiError).toBe(false);
    expect(new a.OmiseApiError(500, "x", "y") instanceof b.OmiseTransportError).toBe(false);
    expect(new Error("plain") instanceof b.OmiseApiError).toBe(false);
    expect(b.isAmbiguous(new Error("plain"))).toBe(false);
    expect(b.OmiseApiError[Symbol.hasInstance](null)).toBe(false);
    expect(new a.OmiseApiError(400, "invalid_charge", "m").isRejection).toBe(true);
  });
});
