import { describe, expect, it, vi } from "vitest";

type Helper = typeof import("./process-state");

// Two copies of the module, as Next gives two bundles in one process.
async function twoCopies(): Promise<[Helper, Helper]> {
  vi.resetModules();
  const a = await import("./process-state");
  vi.resetModules();
  const b = await import("./process-state");
  return [a, b];
}

describe("processSingleton", () => {
  it("gives every copy of the module the one value, made once", async () => {
    const [a, b] = await twoCopies();
    expect(a.processSingleton).not.toBe(b.processSingleton); // really two copies
    const create = vi.fn(() => ({ count: 0 }));
    const first = a.processSingleton("webhookRejections", create);
    first.count += 1;
    const second = b.processSingleton("webhookRejections", create);
    expect(second).toBe(first);
    expect(second.count).toBe(1);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("keys values by name, where server.mjs looks for them", async () => {
    const [a, b] = await twoCopies();
    const routes = { "/x": () => undefined };
    a.publishProcessValue("leanRoutes", routes);
    expect((globalThis as unknown as Record<symbol, unknown>)[Symbol.for("konbini-desk.leanRoutes")]).toBe(routes);
    expect(b.processSingleton("leanRoutes", () => "other")).toBe(routes);
    expect(b.processSingleton("reconcileLock", () => ({ busy: false }))).not.toBe(routes);
    a.publishProcessValue("leanRoutes", undefined); // dropped: the next ask makes a new one
    expect(b.processSingleton("leanRoutes", () => "fresh")).toBe("fresh");
  });
});

describe("errorBrand", () => {
  it("recognises an error marked by another copy, and nothing else", async () => {
    const [a, b] = await twoCopies();
    const err = new Error("x");
    a.errorBrand("OmiseApiError").mark(err);
    expect(b.errorBrand("OmiseApiError").is(err)).toBe(true);
    expect(b.errorBrand("OmiseTransportError").is(err)).toBe(false);
    expect(b.errorBrand("OmiseApiError").is(new Error("plain"))).toBe(false);
    expect(b.errorBrand("OmiseApiError").is(null)).toBe(false);
    expect(Object.keys(err)).toEqual([]); // not enumerable: logs and JSON stay as they were
  });
});
