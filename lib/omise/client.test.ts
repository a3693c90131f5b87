import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OmiseClient } from "@/lib/omise/client";
import { OmiseApiError, OmiseTransportError, isAmbiguous } from "@/lib/omise/errors";

// A scripted HTTP server stands in for Omise so each error path is exercised over real HTTP.
type Reply = { status: number; body?: string; headers?: Record<string, string>; hang?: boolean; delayMs?: number };
let replies: Reply[] = [];
const seen: { method: string; url: string; auth?: string; version?: string; body: string }[] = [];
let server: http.Server;
let open = 0; // requests received and not yet answered
let peakOpen = 0;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    open += 1;
    peakOpen = Math.max(peakOpen, open);
    res.on("close", () => (open -= 1));
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", auth: req.headers.authorization, version: req.headers["omise-version"] as string, body });
      const reply = replies.shift() ?? { status: 500 };
      if (reply.hang) return;
      setTimeout(() => {
        res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
        res.end(reply.body ?? "");
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  replies = [];
  seen.length = 0;
  peakOpen = open;
});

const charge = (over: object = {}) =>
  JSON.stringify({ object: "charge", id: "chrg_test_1", status: "pending", amount: 1000, currency: "jpy", metadata: null, created: "2026-11-27T00:00:00Z", extra: { x: 1 }, ...over });
const client = (o: Partial<ConstructorParameters<typeof OmiseClient>[0]> = {}) =>
  new OmiseClient({ baseUrl, secretKey: "skey_test_abc", sleep: async () => {}, ...o });

describe("OmiseClient", () => {
  it("reads a list page with one unreadable charge: the others are returned, the odd one skipped and logged", async () => {
    const page = { object: "list", offset: 0, limit: 20, total: 3, data: [JSON.parse(charge()), { object: "charge", id: "chrg_test_bad" }, JSON.parse(charge({ id: "chrg_test_2", status: undefined, paid: true }))] };
    replies.push({ status: 200, body: JSON.stringify(page) });
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (msg: string) => void warnings.push(msg);
    try {
      const list = await client().listCharges();
      expect(list.data.map((c) => [c.id, c.status])).toEqual([["chrg_test_1", "pending"], ["chrg_test_2", "successful"]]);
      expect(list.skipped.map((s) => s.id)).toEqual(["chrg_test_bad"]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/GET \/charges: skipped unreadable item #1 \(chrg_test_bad\)/);
    } finally {
      console.warn = warn;
    }
  });

  it("reads a single charge without status (older API version) by deriving it", async () => {
    replies.push({ status: 200, body: charge({ status: undefined, expired: true }) });
    expect((await client().retrieveCharge("chrg_test_1")).status).toBe("expired");
  });

  it("sends Basic auth with the key as username, the API version, and parses old-version shapes", async () => {
    replies.push({ status: 200, body: charge() });
    const c = await client().retrieveCharge("chrg_test_1");
    expect(seen[0]?.auth).toBe(`Basic ${Buffer.from("skey_test_abc:").toString("base64")}`);
    expect(seen[0]?.version).toBe("2019-05-29");
    expect(c.currency).toBe("JPY");
    expect(c.created_at).toBe("2026-11-27T00:00:00Z");
    expect(c.metadata).toEqual({});
  });

  it("maps an Omise error object to OmiseApiError with the HTTP status, code and message", async () => {
    replies.push({ status: 400, body: JSON.stringify({ object: "error", code: "bad_request", message: "name is too long (maximum is 10 characters)" }) });
    const err = await client().createSource({ amount: 1000, currency: "JPY", name: "x", email: "a@b.jp", phoneNumber: "0901234567" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OmiseApiError);
    expect(err).toMatchObject({ status: 400, code: "bad_request", message: "name is too long (maximum is 10 characters)", isRejection: true });
    expect(isAmbiguous(err)).toBe(false);
    expect(JSON.parse(seen[0]?.body ?? "{}")).toMatchObject({ type: "econtext", phone_number: "0901234567" });
  });

  it("retries reads on 5xx and 429 (honouring Retry-After), at most twice", async () => {
    const waits: number[] = [];
    replies.push({ status: 503, body: "{}" }, { status: 429, body: "{}", headers: { "Retry-After": "2" } }, { status: 200, body: charge() });
    await client({ sleep: async (ms) => void waits.push(ms) }).retrieveCharge("chrg_test_1");
    expect(seen).toHaveLength(3);
    expect(waits[1]).toBe(2000);
    replies.push({ status: 500 }, { status: 500 }, { status: 500 }, { status: 200, body: charge() });
    seen.length = 0;
    await expect(client().retrieveCharge("chrg_test_1")).rejects.toMatchObject({ status: 500, code: "http_500" });
    expect(seen).toHaveLength(3);
  });

  it("never retries a create, and reports a 5xx on it as ambiguous", async () => {
    replies.push({ status: 502, body: "<html>bad gateway</html>" }, { status: 200, body: charge() });
    const err = await client().createCharge({ amount: 1000, currency: "JPY", sourceId: "src_1", metadata: { reference: "r" }, expiresAt: new Date("2026-12-01T14:59:00Z") }).catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0]?.body ?? "{}")).toMatchObject({ source: "src_1", expires_at: "2026-12-01T14:59:00Z", metadata: { reference: "r" } });
    expect(err).toMatchObject({ status: 502 });
    expect(isAmbiguous(err)).toBe(true);
  });

  it("times out a hung call and reports it as a transport error", async () => {
    replies.push({ status: 200, hang: true });
    const started = Date.now();
    const err = await client({ writeTimeoutMs: 300 }).expireCharge("chrg_test_1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OmiseTransportError);
    expect(err).toMatchObject({ kind: "timeout" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("keeps at most 10 requests open at Omise, however many calls are made", async () => {
    for (let i = 0; i < 30; i++) replies.push({ status: 200, body: charge(), delayMs: 30 });
    const shared = client();
    await Promise.all(Array.from({ length: 30 }, () => shared.retrieveCharge("chrg_test_1")));
    expect(seen).toHaveLength(30);
    expect(peakOpen).toBe(10);
  });

  it("reports a refused connection and an unexpected shape as transport errors", async () => {
    const refused = await new OmiseClient({ baseUrl: "http://127.0.0.1:1", secretKey: "skey_test_abc", readRetries: 0 }).retrieveCharge("x").catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: "network" });
    replies.push({ status: 200, body: JSON.stringify({ object: "charge", id: "x" }) });
    await expect(client({ readRetries: 0 }).retrieveCharge("x")).rejects.toMatchObject({ kind: "bad_response" });
  });
});

describe("OmiseClient circuit breaker", () => {
  it("sends no request at all while the breaker is open", async () => {
    const { CircuitBreaker } = await import("@/lib/omise/circuit-breaker");
    const { OmiseUnavailableError } = await import("@/lib/omise/errors");
    const breaker = new CircuitBreaker({ minCalls: 2 });
    const c = client({ breaker, readRetries: 0 });
    replies.push({ status: 503, body: "{}" }, { status: 503, body: "{}" });
    await c.retrieveCharge("a").catch(() => undefined);
    await c.retrieveCharge("b").catch(() => undefined);
    expect(breaker.state()).toBe("open");
    seen.length = 0;
    await expect(c.retrieveCharge("c")).rejects.toBeInstanceOf(OmiseUnavailableError);
    expect(seen).toHaveLength(0);
    expect(isAmbiguous(new OmiseUnavailableError(null))).toBe(false);
  });
});
