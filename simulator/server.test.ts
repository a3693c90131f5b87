import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startSimulator, type RunningSimulator } from "./server.mjs";

const SECRET_KEY = "skey_test_simulator_suite";
// 32 arbitrary bytes: decoding it differs from using the base64 text itself as the HMAC key.
const WEBHOOK_SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString("base64");
const CUSTOMER = { type: "econtext", name: "ヤマダタロウ", email: "taro@example.jp", phone_number: "09012345678" };

interface ApiError {
  object: string;
  code: string;
  message: string;
}
interface Source {
  id: string;
  amount: number;
  charge_status: string;
  references: { expires_at: string; payment_code: string; reference_number_1: string } | null;
}
interface Charge {
  object: string;
  id: string;
  amount: number;
  currency: string;
  status: string;
  paid: boolean;
  authorized: boolean;
  paid_at: string | null;
  expired: boolean;
  expired_at: string | null;
  expires_at: string;
  created_at: string;
  failure_code: string | null;
  failure_message: string | null;
  authorize_uri: string;
  metadata: Record<string, string>;
  source: Source;
}
interface ListOf<T> {
  object: string;
  location: string;
  offset: number;
  limit: number;
  total: number;
  order: string;
  data: T[];
}
interface WebhookEvent {
  object: string;
  id: string;
  key: string;
  data: Charge;
  webhook_deliveries: Array<{ status: number; error: string | null; uri: string }>;
}
interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  event: WebhookEvent;
}

/** A tiny webhook endpoint that records every POST and answers `status`. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: req.headers, raw, event: JSON.parse(raw) as WebhookEvent });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/omise`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

function setup() {
  const ctx = {} as { sim: RunningSimulator; hook: Receiver };
  beforeAll(async () => {
    ctx.hook = await startReceiver();
    ctx.sim = await startSimulator({ port: 0, secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, webhookUrl: ctx.hook.url });
  });
  afterAll(async () => {
    await ctx.sim.close();
    await ctx.hook.close();
  });

  async function api<T>(method: string, path: string, body?: unknown, opts: { key?: string | null; form?: boolean } = {}) {
    const key = opts.key === undefined ? SECRET_KEY : opts.key;
    const headers: Record<string, string> = {};
    if (key !== null) headers.Authorization = `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
    let payload: string | undefined;
    if (body !== undefined && opts.form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      payload = new URLSearchParams(body as Record<string, string>).toString();
    } else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${ctx.sim.url}${path}`, { method, headers, body: payload });
    return { status: res.status, body: (await res.json()) as T };
  }

  const createCharge = (fields: Record<string, unknown> = {}) =>
    api<Charge>("POST", "/charges", { amount: 3000, currency: "JPY", source: CUSTOMER, ...fields });

  async function waitForWebhook(key: string, chargeId: string, timeoutMs = 3000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = ctx.hook.received.find((r) => r.event.key === key && r.event.data.id === chargeId);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no ${key} webhook for ${chargeId}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  return { ctx, api, createCharge, waitForWebhook };
}

function signatureIsValid(r: Pick<Received, "headers" | "raw">, key = Buffer.from(WEBHOOK_SECRET, "base64")) {
  const ts = r.headers["omise-signature-timestamp"];
  const sig = r.headers["omise-signature"];
  if (typeof ts !== "string" || typeof sig !== "string") return false;
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false;
  return sig === createHmac("sha256", key).update(`${ts}.${r.raw}`).digest("hex");
}

describe("Omise simulator API", () => {
  const { ctx, api, createCharge, waitForWebhook } = setup();

  it("rejects missing and wrong secret keys with 401 authentication_failure", async () => {
    for (const key of [null, "skey_test_wrong"]) {
      const res = await api<ApiError>("GET", "/charges", undefined, { key });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ object: "error", code: "authentication_failure", message: "authentication failed" });
    }
    expect((await api("GET", "/charges")).status).toBe(200);
  });

  it("accepts the public key for POST /sources only", async () => {
    const config = await api<{ public_key: string }>("GET", "/_sim/config", undefined, { key: null });
    const pkey = config.body.public_key;
    expect(pkey).toMatch(/^pkey_test_/);
    const src = await api<Source>("POST", "/sources", { amount: 3000, currency: "JPY", ...CUSTOMER }, { key: pkey });
    expect(src.status).toBe(200);
    expect(src.body.id).toMatch(/^src_test_/);
    const refused: Array<[string, string, unknown?]> = [
      ["POST", "/charges", { amount: 3000, currency: "JPY", source: src.body.id }],
      ["GET", "/charges"],
      ["GET", `/sources/${src.body.id}`],
      ["GET", "/events"],
    ];
    for (const [method, path, body] of refused) {
      const res = await api<ApiError>(method, path, body, { key: pkey });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.code).toBe("authentication_failure");
    }
    // Another public key is not this account's.
    const other = await api<ApiError>("POST", "/sources", { amount: 3000, currency: "JPY", ...CUSTOMER }, { key: "pkey_test_someoneelse" });
    expect(other.status).toBe(401);
    // The secret key still creates sources, as server-side code may.
    expect((await api("POST", "/sources", { amount: 3000, currency: "JPY", ...CUSTOMER })).status).toBe(200);
  });

  it("answers a charge below the minimum amount with 400 invalid_charge", async () => {
    const low = await createCharge({ amount: 149 });
    expect(low.status).toBe(400);
    expect(low.body).toMatchObject({ object: "error", code: "invalid_charge", message: "amount must be at least 150" });
    const src = await api<Source>("POST", "/sources", { amount: 149, currency: "JPY", ...CUSTOMER });
    expect((src.body as unknown as ApiError).code).toBe("bad_request"); // sources keep bad_request (omise-android parses it)
    const otherwise = await createCharge({ amount: 3000, currency: "USD" });
    expect((otherwise.body as unknown as ApiError).code).toBe("bad_request");
  });

  it("validates sources with 400 bad_request and readable messages", async () => {
    const post = (fields: Record<string, unknown>) =>
      api<ApiError>("POST", "/sources", { amount: 3000, currency: "jpy", ...CUSTOMER, ...fields });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amount: 149 }, "amount must be at least 150"],
      [{ amount: 50000 }, "amount must be less than 50000"],
      [{ name: "アイウエオカキクケコサ" }, "name is too long (maximum is 10 characters)"],
      [{ phone_number: "090-1234-5678" }, "phone_number is invalid"],
    ];
    for (const [fields, message] of cases) {
      const res = await post(fields);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("bad_request");
      expect(res.body.message).toContain(message);
    }
    const several = await post({ amount: 149, email: "nope" });
    expect(several.body.message).toBe("amount must be at least 150, email is invalid");
    // Ten kana are 30 UTF-8 bytes but 10 characters: allowed.
    const ok = await post({ name: "アイウエオカキクケコ", amount: 49999 });
    expect(ok.status).toBe(200);
  });

  it("creates a charge from a form-encoded source id, and a source can be used only once", async () => {
    const src = await api<Source>("POST", "/sources", { amount: 4000, currency: "jpy", ...CUSTOMER }, { form: true });
    expect(src.status).toBe(200);
    expect(src.body).toMatchObject({ object: "source", amount: 4000, currency: "JPY", charge_status: "unknown", references: null });
    expect(src.body.id).toMatch(/^src_test_[0-9a-z]{19}$/);

    const mismatch = await api<ApiError>("POST", "/charges", { amount: 4001, currency: "JPY", source: src.body.id });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toContain("amount does not match source amount");

    const res = await api<Charge>("POST", "/charges", { amount: 4000, currency: "jpy", source: src.body.id, description: "Order 1" });
    expect(res.status).toBe(200);
    const charge = res.body;
    expect(charge.id).toMatch(/^chrg_test_[0-9a-z]{19}$/);
    expect(charge).toMatchObject({ object: "charge", status: "pending", paid: false, currency: "JPY", amount: 4000 });
    expect(charge.authorize_uri).toBe(`${ctx.sim.url}/pay/${charge.id}`);
    expect(charge.source.id).toBe(src.body.id);
    expect(charge.source.charge_status).toBe("pending");
    expect(charge.source.references?.payment_code).toMatch(/^\d{11}$/);
    expect(charge.source.references?.expires_at).toBe(charge.expires_at);

    expect((await api<Charge>("GET", `/charges/${charge.id}`)).body).toEqual(charge);
    expect((await api<Source>("GET", `/sources/${src.body.id}`)).body.charge_status).toBe("pending");
    const reuse = await api<ApiError>("POST", "/charges", { amount: 4000, currency: "JPY", source: src.body.id });
    expect(reuse.status).toBe(400);
    expect(reuse.body.message).toContain("source has already been used");
  });

  it("creates a charge with an inline source, echoes metadata and sends charge.create", async () => {
    const res = await createCharge({ metadata: { order_id: "A-17" } });
    expect(res.status).toBe(200);
    expect(res.body.metadata).toEqual({ order_id: "A-17" });
    expect(res.body.source.id).toMatch(/^src_test_/);
    const hook = await waitForWebhook("charge.create", res.body.id);
    expect(hook.event.data.status).toBe("pending");
  });

  it("accepts form-encoded bracket keys for an inline source and metadata", async () => {
    const form = {
      amount: "5000", currency: "jpy", "source[type]": "econtext", "source[name]": "サトウ",
      "source[email]": "sato@example.jp", "source[phone_number]": "0312345678", "metadata[order_id]": "F-1",
    };
    const res = await api<Charge>("POST", "/charges", form, { form: true });
    expect(res.status).toBe(200);
    expect(res.body.amount).toBe(5000);
    expect(res.body.metadata).toEqual({ order_id: "F-1" });
  });

  it("rejects bad expires_at values", async () => {
    const past = await createCharge({ expires_at: "2000-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    expect((past.body as unknown as ApiError).message).toBe("expires_at must be in the future");
    const far = await createCharge({ expires_at: new Date(Date.now() + 400 * 86_400_000).toISOString() });
    expect((far.body as unknown as ApiError).message).toBe("expires_at must be within 365 days");
    const junk = await createCharge({ expires_at: "next tuesday" });
    expect((junk.body as unknown as ApiError).message).toBe("expires_at is invalid");
  });

  it("mark_as_paid completes the charge and delivers a correctly signed charge.complete", async () => {
    const { body: created } = await createCharge();
    const res = await api<Charge>("POST", `/charges/${created.id}/mark_as_paid`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "successful", paid: true, authorized: true });
    expect(res.body.paid_at).not.toBeNull();
    expect(res.body.source.charge_status).toBe("successful");

    const hook = await waitForWebhook("charge.complete", created.id);
    expect(hook.headers["content-type"]).toBe("application/json");
    expect(hook.event.object).toBe("event");
    expect(hook.event.data.status).toBe("successful");
    expect(signatureIsValid(hook)).toBe(true);
    expect(signatureIsValid({ ...hook, raw: `${hook.raw} ` })).toBe(false);
    expect(signatureIsValid(hook, Buffer.from(WEBHOOK_SECRET))).toBe(false);

    const event = await api<WebhookEvent>("GET", `/events/${hook.event.id}`);
    expect(event.body.key).toBe("charge.complete");
    expect(event.body.webhook_deliveries[0]).toMatchObject({ status: 200, error: null, uri: ctx.hook.url });

    const again = await api<ApiError>("POST", `/charges/${created.id}/mark_as_paid`);
    expect(again.status).toBe(400);
    expect(again.body.code).toBe("bad_request");
  });

  it("refuses to expire a paid charge with failed_expire", async () => {
    const { body: created } = await createCharge();
    await api("POST", `/charges/${created.id}/mark_as_paid`);
    const res = await api<ApiError>("POST", `/charges/${created.id}/expire`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ object: "error", code: "failed_expire" });
    expect((await api<Charge>("GET", `/charges/${created.id}`)).body.status).toBe("successful");
  });

  it("expire and mark_as_failed move pending charges to their final states", async () => {
    const { body: a } = await createCharge();
    const expired = await api<Charge>("POST", `/charges/${a.id}/expire`);
    expect(expired.body).toMatchObject({ status: "expired", expired: true });
    expect(expired.body.source.charge_status).toBe("expired");
    // Like Omise: expires_at becomes the moment of expiry, the source keeps the original deadline.
    expect(expired.body.expires_at).toBe(expired.body.expired_at);
    expect(expired.body.expires_at).not.toBe(a.expires_at);
    expect(expired.body.source.references?.expires_at).toBe(a.expires_at);
    await waitForWebhook("charge.expire", a.id);

    const { body: b } = await createCharge();
    const failed = await api<Charge>("POST", `/charges/${b.id}/mark_as_failed`, { failure_code: "payment_cancelled" });
    expect(failed.body).toMatchObject({
      status: "failed", failure_code: "payment_cancelled", failure_message: "payment was cancelled by the customer",
    });
    const hook = await waitForWebhook("charge.complete", b.id);
    expect(hook.event.data.failure_code).toBe("payment_cancelled");
  });

  it("answers unknown charges with 404 not_found", async () => {
    const res = await api<ApiError>("GET", "/charges/chrg_test_missing");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: "not_found", message: "charge chrg_test_missing was not found" });
  });

  it("records failed webhook deliveries with the endpoint's status", async () => {
    ctx.hook.state.status = 500;
    try {
      const { body: created } = await createCharge();
      const deadline = Date.now() + 3000;
      let delivery: { event_id: string; status: number; error: string | null } | undefined;
      while (!delivery && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        const event = ctx.sim.state.events.find((e) => e.data.id === created.id);
        delivery = ctx.sim.state.deliveries.find((d) => d.event_id === event?.id);
      }
      expect(delivery).toMatchObject({ status: 500 });
      expect(delivery?.error).toContain("500");
    } finally {
      ctx.hook.state.status = 200;
    }
  });

  it("serves a customer page whose Pay button completes the charge", async () => {
    const { body: created } = await createCharge({ amount: 12345, source: { ...CUSTOMER, name: "<b>タロウ</b>" } });
    const pagePath = new URL(created.authorize_uri).pathname;
    const page = await (await fetch(`${ctx.sim.url}${pagePath}`)).text();
    expect(page).toContain("¥12,345");
    expect(page).toContain("支払う (Pay)");
    expect(page).toContain("(JST, UTC+09:00)");
    expect(page).toContain("&lt;b&gt;タロウ&lt;/b&gt;");
    expect(page).not.toContain("<b>タロウ");

    const post = await fetch(`${ctx.sim.url}${pagePath}/pay`, { method: "POST", redirect: "manual" });
    expect(post.status).toBe(303);
    expect(post.headers.get("location")).toBe(pagePath);
    const after = await (await fetch(`${ctx.sim.url}${pagePath}`)).text();
    expect(after).toContain("入金済み (Paid)");
    expect(after).not.toContain("支払う (Pay)");
    expect((await api<Charge>("GET", `/charges/${created.id}`)).body.status).toBe("successful");
    expect((await fetch(`${ctx.sim.url}/pay/chrg_test_missing`)).status).toBe(404);
  });
});

describe("Omise simulator clock", () => {
  const { ctx, api, createCharge, waitForWebhook } = setup();
  const setClock = (body: Record<string, unknown>) =>
    api<{ now: string; expired: string[] }>("POST", "/_sim/clock", body, { key: null });

  it("defaults expires_at to 23:59 JST seven days out", async () => {
    await setClock({ now: "2026-12-01T10:00:00Z" }); // 19:00 JST on 12/01
    expect((await createCharge()).body.expires_at).toBe("2026-12-08T14:59:00Z");
    await setClock({ now: "2026-12-01T16:00:00Z" }); // 01:00 JST on 12/02
    expect((await createCharge()).body.expires_at).toBe("2026-12-09T14:59:00Z");
  });

  it("paginates and orders lists by created_at", async () => {
    await api("POST", "/_sim/reset", {}, { key: null });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await createCharge({ description: `#${i}` })).body.id);
      await setClock({ advance_seconds: 60 });
    }
    const page = await api<ListOf<Charge>>("GET", "/charges?limit=2&offset=1");
    expect(page.body).toMatchObject({ object: "list", location: "/charges", total: 5, offset: 1, limit: 2, order: "chronological" });
    expect(page.body.data.map((c) => c.id)).toEqual([ids[1], ids[2]]);
    const reverse = await api<ListOf<Charge>>("GET", "/charges?order=reverse_chronological&limit=2");
    expect(reverse.body.data.map((c) => c.id)).toEqual([ids[4], ids[3]]);
    expect((await api<ListOf<Charge>>("GET", "/charges?limit=1000")).body.limit).toBe(100);
    const third = (await api<Charge>("GET", `/charges/${ids[3]}`)).body;
    const since = await api<ListOf<Charge>>("GET", `/charges?from=${encodeURIComponent(third.created_at)}`);
    expect(since.body.data.map((c) => c.id)).toEqual([ids[3], ids[4]]);
    const events = await api<ListOf<WebhookEvent>>("GET", "/events?order=reverse_chronological&limit=1");
    expect(events.body.total).toBe(5);
    expect(events.body.data[0]?.data.id).toBe(ids[4]);
  });

  it("expires a pending charge once the clock passes expires_at and sends charge.expire", async () => {
    const now = Date.parse((await api<{ now: string }>("GET", "/_sim/clock", undefined, { key: null })).body.now);
    const expiresAt = new Date(Math.ceil(now / 1000) * 1000 + 3_600_000).toISOString();
    const { body: created } = await createCharge({ expires_at: expiresAt });
    expect(created.status).toBe("pending");

    const early = await setClock({ advance_seconds: 3500 });
    expect(early.body.expired).toEqual([]);
    expect((await api<Charge>("GET", `/charges/${created.id}`)).body.status).toBe("pending");

    const late = await setClock({ advance_seconds: 200 });
    expect(late.body.expired).toEqual([created.id]);
    const charge = (await api<Charge>("GET", `/charges/${created.id}`)).body;
    expect(charge).toMatchObject({ status: "expired", expired: true });
    expect(charge.expired_at).not.toBeNull();
    expect(charge.expires_at).toBe(expiresAt.replace(".000Z", "Z")); // reaching the deadline leaves it alone
    expect(charge.source.charge_status).toBe("expired");

    const hook = await waitForWebhook("charge.expire", created.id);
    expect(hook.event.data.status).toBe("expired");
    expect(signatureIsValid(hook)).toBe(true);
    expect(ctx.hook.received.filter((r) => r.event.key === "charge.expire")).toHaveLength(1);
  });
});

describe("simulator keys", () => {
  it("takes its public key from the publicKey option", async () => {
    const sim = await startSimulator({ port: 0, secretKey: SECRET_KEY, publicKey: "pkey_test_custom1" });
    try {
      const post = (key: string) =>
        fetch(`${sim.url}/sources`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` },
          body: JSON.stringify({ amount: 3000, currency: "JPY", ...CUSTOMER }),
        });
      expect((await post("pkey_test_custom1")).status).toBe(200);
      expect((await post("pkey_test_konbinidesksim")).status).toBe(401);
    } finally {
      await sim.close();
    }
  });
});
