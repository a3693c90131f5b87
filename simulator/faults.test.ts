import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { startSimulator, type FaultConfig, type RunningSimulator, type SimulatorStats } from "./server.mjs";

const SECRET_KEY = "skey_test_fault_suite";
const WEBHOOK_SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 53 + 7) % 256)).toString("base64");
const CUSTOMER = { type: "econtext", name: "スズキ", email: "suzuki@example.jp", phone_number: "09011112222" };
const AUTH = `Basic ${Buffer.from(`${SECRET_KEY}:`).toString("base64")}`;

type Received = { at: number; headers: http.IncomingHttpHeaders; raw: string; event: { id: string; data: { id: string } } };
type Charge = { id: string; metadata: Record<string, string> };
type List<T> = { total: number; data: T[] };
type SimEvent = { id: string; key: string; data: { id: string }; webhook_deliveries: Array<{ status: number; error: string | null }> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sim: RunningSimulator;
let hook: { url: string; received: Received[]; close: () => Promise<void> };

async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ at: Date.now(), headers: req.headers, raw, event: JSON.parse(raw) as Received["event"] });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  hook = await startReceiver();
  sim = await startSimulator({ port: 0, secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, webhookUrl: hook.url });
});
afterAll(async () => {
  await sim.close();
  await hook.close();
});
beforeEach(async () => {
  await simPost("/_sim/reset");
  hook.received.length = 0;
});

function request(method: string, path: string, body?: unknown, signal?: AbortSignal) {
  const headers: Record<string, string> = { Authorization: AUTH };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(`${sim.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
}

async function json<T>(method: string, path: string, body?: unknown) {
  const res = await request(method, path, body);
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

const simPost = <T = unknown>(path: string, body: unknown = {}) => json<T>("POST", path, body);
const setFaults = async (config: unknown) => {
  const res = await simPost<FaultConfig>("/_sim/faults", config);
  expect(res.status).toBe(200);
  return res.body;
};
const createCharge = (metadata: Record<string, string> = {}, signal?: AbortSignal) =>
  request("POST", "/charges", { amount: 1500, currency: "JPY", source: CUSTOMER, metadata }, signal);
const newCharge = async () => (await (await createCharge()).json()) as Charge;
const listCharges = async () => (await json<List<Charge>>("GET", "/charges")).body;
const stats = async () => (await json<SimulatorStats>("GET", "/_sim/stats")).body;

const forCharge = (chargeId: string) => hook.received.filter((r) => r.event.data.id === chargeId);

async function waitFor<T>(fn: () => T | undefined | false, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(10);
  }
}

function signatureIsValid(r: Received) {
  const ts = String(r.headers["omise-signature-timestamp"]);
  const expected = createHmac("sha256", Buffer.from(WEBHOOK_SECRET, "base64")).update(`${ts}.${r.raw}`).digest("hex");
  return r.headers["omise-signature"] === expected && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
}

describe("webhook fault modes", () => {
  it("drop: stores and lists the event but never delivers it", async () => {
    await setFaults({ webhooks: { mode: "drop" } });
    const charge = await newCharge();
    await sleep(250);
    expect(forCharge(charge.id)).toHaveLength(0);
    const events = (await json<List<SimEvent>>("GET", "/events")).body;
    const event = events.data.find((e) => e.data.id === charge.id);
    expect(event?.key).toBe("charge.create");
    expect(event?.webhook_deliveries).toEqual([
      expect.objectContaining({ status: 0, error: "dropped by fault injection" }),
    ]);
  });

  it("duplicate: sends identical, validly signed copies", async () => {
    await setFaults({ webhooks: { mode: "duplicate", copies: 3 } });
    const charge = await newCharge();
    const copies = await waitFor(() => forCharge(charge.id).length >= 3 && forCharge(charge.id));
    await sleep(100);
    expect(forCharge(charge.id)).toHaveLength(3);
    expect(new Set(copies.map((c) => c.raw)).size).toBe(1);
    expect(new Set(copies.map((c) => c.headers["omise-signature"])).size).toBe(1);
    for (const copy of copies) expect(signatureIsValid(copy)).toBe(true);
  });

  it("delay: sends only after delay_ms", async () => {
    await setFaults({ webhooks: { mode: "delay", delay_ms: 400 } });
    const started = Date.now();
    const charge = await newCharge();
    await sleep(100);
    expect(forCharge(charge.id)).toHaveLength(0);
    const [hit] = await waitFor(() => forCharge(charge.id).length > 0 && forCharge(charge.id));
    expect(hit!.at - started).toBeGreaterThanOrEqual(390);
    expect(signatureIsValid(hit!)).toBe(true);
  });

  it("reorder: holds deliveries, keeps them when the mode changes, and flushes them in reverse", async () => {
    await setFaults({ webhooks: { mode: "reorder" } });
    const a = await newCharge();
    const b = await newCharge();
    const held = (await json<{ data: string[] }>("GET", "/_sim/webhooks/held")).body.data;
    const events = (await json<List<SimEvent>>("GET", "/events")).body.data;
    expect(held).toEqual([a.id, b.id].map((id) => events.find((e) => e.data.id === id)?.id));

    await setFaults({}); // back to normal: new events go out at once, held ones stay held
    const c = await newCharge();
    await waitFor(() => forCharge(c.id).length > 0);
    expect(hook.received.map((r) => r.event.data.id)).toEqual([c.id]);
    expect((await json<{ data: string[] }>("GET", "/_sim/webhooks/held")).body.data).toHaveLength(2);

    expect((await simPost("/_sim/webhooks/flush", { order: "reverse" })).body).toEqual({ delivered: 2 });
    expect(hook.received.map((r) => r.event.data.id)).toEqual([c.id, b.id, a.id]);
    expect(hook.received.every(signatureIsValid)).toBe(true);
    expect((await json<{ data: string[] }>("GET", "/_sim/webhooks/held")).body.data).toEqual([]);
    expect((await simPost("/_sim/webhooks/flush")).body).toEqual({ delivered: 0 });
  });

  it("reorder: flush defaults to reverse, and a seeded shuffle is repeatable", async () => {
    await setFaults({ webhooks: { mode: "reorder" } });
    const x = await newCharge();
    const y = await newCharge();
    expect((await simPost("/_sim/webhooks/flush")).body).toEqual({ delivered: 2 });
    expect(hook.received.map((r) => r.event.data.id)).toEqual([y.id, x.id]);

    async function shuffledPositions() {
      hook.received.length = 0;
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await newCharge()).id);
      expect((await simPost("/_sim/webhooks/flush", { order: "shuffle", seed: 42 })).body).toEqual({ delivered: 6 });
      return hook.received.map((r) => ids.indexOf(r.event.data.id));
    }
    const first = await shuffledPositions();
    expect([...first].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(first).not.toEqual([0, 1, 2, 3, 4, 5]);
    expect(first).not.toEqual([5, 4, 3, 2, 1, 0]);
    expect(await shuffledPositions()).toEqual(first);
  });
});

describe("API fault rules", () => {
  async function expectNoChargeCreated() {
    expect((await listCharges()).total).toBe(0);
    expect((await stats()).charges_created).toBe(0);
    expect((await json<List<SimEvent>>("GET", "/events")).body.total).toBe(0);
  }

  it.each([
    ["error_500", 500, "internal_error"],
    ["error_503", 503, "service_unavailable"],
  ])("%s answers %i %s without creating the charge", async (action, status, code) => {
    await setFaults({ api: [{ method: "POST", path: "^/charges$", action }] });
    const res = await createCharge();
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ object: "error", code, message: expect.any(String) });
    await expectNoChargeCreated();
  });

  it("error_429 answers with Retry-After (default 1) without creating the charge", async () => {
    await setFaults({ api: [{ method: "POST", path: "^/charges$", action: "error_429", retry_after: 2, times: 1 }, { action: "error_429" }] });
    const res = await createCharge();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toMatchObject({ object: "error", code: "too_many_requests" });
    const second = await createCharge();
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("1");
    await setFaults({});
    await expectNoChargeCreated();
  });

  it("hang: never answers, so the client times out; the operation is not performed", async () => {
    await setFaults({ api: [{ method: "POST", path: "^/charges$", action: "hang" }] });
    const started = Date.now();
    const err = await createCharge({}, AbortSignal.timeout(300)).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await request("GET", "/charges")).status).toBe(200); // other routes still answer
    await expectNoChargeCreated();
    expect((await stats()).faults_fired).toBe(1);
  });

  it("hang: close() still finishes promptly and the hung client gets an error", async () => {
    const own = await startSimulator({ port: 0, secretKey: SECRET_KEY });
    await fetch(`${own.url}/_sim/faults`, { method: "POST", body: JSON.stringify({ api: [{ action: "hang" }] }) });
    const hung = fetch(`${own.url}/charges`, { headers: { Authorization: AUTH } }).then(
      () => "answered",
      () => "failed",
    );
    await sleep(50);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hung).toBe("failed");
  });

  it("reset: drops the connection without performing the operation", async () => {
    await setFaults({ api: [{ method: "POST", path: "^/charges$", action: "reset" }] });
    await expect(createCharge({ order_id: "R-1" })).rejects.toThrow();
    await setFaults({});
    await expectNoChargeCreated();
  });

  it("lose_reply: performs the operation, then drops the connection", async () => {
    await setFaults({ api: [{ method: "POST", path: "^/charges$", action: "lose_reply", times: 1 }] });
    await expect(createCharge({ order_id: "LR-1" })).rejects.toThrow();
    const charges = await listCharges();
    expect(charges.total).toBe(1);
    expect(charges.data[0]?.metadata).toEqual({ order_id: "LR-1" });
    await waitFor(() => forCharge(charges.data[0]!.id).length > 0);
    expect(await stats()).toMatchObject({ charges_created: 1, faults_fired: 1 });
  });

  it("invalid_charge answers 400 invalid_charge without creating the charge", async () => {
    await setFaults({ api: [{ method: "POST", path: "^/charges$", action: "invalid_charge", times: 1 }] });
    const res = await createCharge();
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ object: "error", code: "invalid_charge" });
    expect((await listCharges()).total).toBe(0);
  });

  it("legacy_status: charges in the answer (single, listed, in events) lose status; the state keeps it", async () => {
    const charge = await newCharge();
    await setFaults({ api: [{ method: "GET", action: "legacy_status" }] });
    const one = await json<Record<string, unknown>>("GET", `/charges/${charge.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: charge.id, paid: false, expired: false });
    expect(one.body).not.toHaveProperty("status");
    const list = await json<List<Record<string, unknown>>>("GET", "/charges");
    expect(list.body.data[0]).not.toHaveProperty("status");
    const events = await json<List<{ data: Record<string, unknown> }>>("GET", "/events");
    expect(events.body.data[0]?.data).not.toHaveProperty("status");
    expect(sim.state.charges[charge.id]?.status).toBe("pending");
  });

  it("unreadable_item: the first listed item keeps only object and id; the others are intact", async () => {
    const a = await newCharge();
    const b = await newCharge();
    await setFaults({ api: [{ method: "GET", path: "^/charges$", action: "unreadable_item", times: 1 }] });
    const list = await json<List<Record<string, unknown>>>("GET", "/charges?order=chronological");
    expect(list.body.total).toBe(2);
    expect(list.body.data[0]).toEqual({ object: "charge", id: a.id });
    expect(list.body.data[1]).toMatchObject({ id: b.id, status: "pending", amount: 1500 });
    expect(sim.state.charges[a.id]).toMatchObject({ status: "pending", amount: 1500 });
    expect((await listCharges()).data[0]).toMatchObject({ id: a.id, amount: 1500 }); // times: 1 used up
  });

  it("counts down times, removes a used-up rule, and matches method case-insensitively, first rule first", async () => {
    await setFaults({
      api: [
        { method: "post", path: "^/charges$", action: "error_503", times: 2 },
        { path: "^/charges", action: "error_500" },
      ],
    });
    expect((await createCharge()).status).toBe(503);
    const after1 = (await json<FaultConfig>("GET", "/_sim/faults")).body;
    expect(after1.api.map((r) => [r.action, r.times])).toEqual([["error_503", 1], ["error_500", null]]);
    expect((await createCharge()).status).toBe(503);
    expect((await json<FaultConfig>("GET", "/_sim/faults")).body.api.map((r) => r.action)).toEqual(["error_500"]);
    expect((await createCharge()).status).toBe(500); // now the second rule
    expect((await request("GET", "/charges/chrg_test_x")).status).toBe(500);
    expect((await request("GET", "/events")).status).toBe(200);
    // /_sim and the customer pages are never faulted.
    expect((await request("GET", "/_sim/health")).status).toBe(200);
    expect((await request("GET", "/pay/chrg_test_x")).status).toBe(404);
    expect((await stats()).faults_fired).toBe(4);
  });

  it("fires with the given probability, repeatably for a seed", async () => {
    const rule = { method: "GET", path: "^/charges$", action: "error_503", probability: 0.5 };
    async function pattern() {
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) statuses.push((await request("GET", "/charges")).status);
      return statuses;
    }
    await setFaults({ seed: 1234, api: [rule] });
    const first = await pattern();
    expect(first).toContain(200);
    expect(first).toContain(503);
    expect(new Set(first)).toEqual(new Set([200, 503]));
    await setFaults({ seed: 1234, api: [rule] });
    expect(await pattern()).toEqual(first);
    expect((await stats()).faults_fired).toBe(2 * first.filter((s) => s === 503).length);

    await setFaults({ seed: 1234, api: [{ ...rule, probability: 0 }] });
    expect(await pattern()).toEqual(Array(24).fill(200));
  });
});

describe("fault configuration and stats", () => {
  it("rejects invalid configurations with 400 bad_request naming the problem, keeping the old one", async () => {
    const kept = await setFaults({ webhooks: { mode: "delay", delay_ms: 50 }, api: [{ action: "error_500", times: 3 }] });
    const cases: Array<[unknown, string]> = [
      [{ webhooks: { mode: "sometimes" } }, "webhooks.mode"],
      [{ webhooks: { mode: "duplicate", copies: 0 } }, "webhooks.copies"],
      [{ webhooks: { mode: "delay", delay_ms: -1 } }, "webhooks.delay_ms"],
      [{ api: {} }, "api must be an array"],
      [{ api: [{ path: "^/charges$" }] }, "api[0].action is required"],
      [{ api: [{ action: "explode" }] }, "api[0].action must be one of"],
      [{ api: [{ action: "hang", path: "([" }] }, "api[0].path"],
      [{ api: [{ action: "hang" }, { action: "hang", times: 0 }] }, "api[1].times"],
      [{ api: [{ action: "hang", probability: 1.5 }] }, "api[0].probability"],
      [{ api: [{ action: "hang", method: 7 }] }, "api[0].method"],
      [{ api: [{ action: "hang", retry_after: 2 }] }, "api[0].retry_after"],
      [{ api: [{ action: "hang", when: "now" }] }, "api[0].when is not a known field"],
      [{ seed: "abc" }, "seed must be an integer"],
      [{ webhook: { mode: "drop" } }, "webhook is not a known field"],
    ];
    for (const [config, message] of cases) {
      const res = await simPost<{ object: string; code: string; message: string }>("/_sim/faults", config);
      expect(res.status, JSON.stringify(config)).toBe(400);
      expect(res.body).toMatchObject({ object: "error", code: "bad_request" });
      expect(res.body.message).toContain(message);
    }
    const flush = await simPost<{ code: string; message: string }>("/_sim/webhooks/flush", { order: "sideways" });
    expect(flush.status).toBe(400);
    expect(flush.body.message).toContain("order must be one of");
    expect((await json<FaultConfig>("GET", "/_sim/faults")).body).toEqual(kept);
  });

  it("GET returns the normalised config; DELETE and reset clear it", async () => {
    const set = await setFaults({ seed: 9, webhooks: { mode: "duplicate" }, api: [{ action: "error_429", path: "^/events" }] });
    expect(set).toEqual({
      webhooks: { mode: "duplicate", copies: 2, delay_ms: 1000 },
      api: [{ method: null, path: "^/events", action: "error_429", times: null, retry_after: 1, probability: 1 }],
      seed: 9,
    });
    expect((await json("GET", "/_sim/faults")).body).toEqual(set);
    const cleared = (await json<FaultConfig>("DELETE", "/_sim/faults")).body;
    expect(cleared).toEqual({ webhooks: { mode: "normal", copies: 2, delay_ms: 1000 }, api: [], seed: null });
    await setFaults(set);
    await simPost("/_sim/reset");
    expect((await json("GET", "/_sim/faults")).body).toEqual(cleared);
    expect((await request("GET", "/events")).status).toBe(200);
  });

  it("counts API requests by normalised route, created charges and fired faults", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await newCharge()).id);
    await request("GET", "/charges");
    for (const id of ids) await request("GET", `/charges/${id}`);
    await request("POST", `/charges/${ids[0]}/mark_as_paid`);
    await request("GET", "/pay/whatever");
    await setFaults({ api: [{ method: "GET", path: "^/events$", action: "error_500" }] });
    await request("GET", "/events");
    expect(await stats()).toEqual({
      requests: {
        "POST /charges": 2,
        "GET /charges": 1,
        "GET /charges/:id": 2,
        "POST /charges/:id/mark_as_paid": 1,
        "GET /events": 1,
      },
      charges_created: 2,
      faults_fired: 1,
    });
    await simPost("/_sim/reset");
    expect(await stats()).toEqual({ requests: {}, charges_created: 0, faults_fired: 0 });
  });
});
