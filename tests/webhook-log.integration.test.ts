import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { keyTranslator } from "@/lib/i18n/translate-key";
import { listEventsSql } from "@/lib/webhooks/list-events";
import type { Prisma } from "@/lib/generated/prisma/client";
import { makeUser, sim, uniqueCustomer, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";
import { explainWith } from "./query-plan";
import { TEST_SECRET_KEY } from "./test-env.mjs";

// The webhook log and replay (issue 11) over HTTP through the real route handlers, against the
// shared simulator: GET /api/webhooks/events (state filter, keyset pages), GET …/:id (payload),
// POST …/:id/process (idempotent, audited) and POST /api/webhooks/fetch (GET /events for a
// window, stored exactly once). The session is supplied as in audit.integration.test.ts.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

const simUrl = inject("simulatorUrl");
const ja = keyTranslator("ja");
let api: Awaited<ReturnType<typeof startApiServer>>;
let admin: TestUser;
let staff: TestUser;
let viewer: TestUser;
const tag = `${Date.now().toString(36)}`;
const mine: string[] = []; // event rows this file made up, removed afterwards
const seededState = new Map<string, string>();

beforeAll(async () => {
  api = await startApiServer([
    { path: /^\/api\/webhooks\/events$/, module: await import("@/app/api/webhooks/events/route") },
    { path: /^\/api\/webhooks\/events\/(?<id>[^/]+)$/, module: await import("@/app/api/webhooks/events/[id]/route") },
    { path: /^\/api\/webhooks\/events\/(?<id>[^/]+)\/process$/, module: await import("@/app/api/webhooks/events/[id]/process/route") },
    { path: /^\/api\/webhooks\/fetch$/, module: await import("@/app/api/webhooks/fetch/route") },
  ]);
  [admin, staff, viewer] = [await makeUser("admin"), await makeUser("staff"), await makeUser("viewer")];
  await sim(simUrl, "/_sim/config", { webhook_url: null }); // every webhook is lost: only a fetch brings the events
});
afterAll(async () => {
  await sim(simUrl, "/_sim/faults", {});
  await (await getDb()).webhookEvent.deleteMany({ where: { id: { in: mine } } });
  await api.close();
});

const as = (u: TestUser | null) => (signedIn.user = u && { id: u.id, sv: 0, sid: u.sid });
let n = 0;
async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
  const requestId = `req-whlog-${tag}-${++n}`;
  const res = await fetch(api.url + path, {
    method,
    headers: { Origin: api.url, "Content-Type": "application/json", "X-Request-Id": requestId, Cookie: "kd_locale=ja" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T, requestId };
}
type Row = { id: string; eventId: string; key: string; chargeId: string | null; receivedAt: string; processedAt: string | null; error: string | null; state: string };
type Page = { data: Row[]; nextCursor: string | null };

/** Stored events dated in the future, so they are the newest whatever else the shared database holds. */
async function seed(rows: { state: "unprocessed" | "failed" | "processed"; at: Date; suffix: string; note?: string }[]) {
  const db = await getDb();
  for (const r of rows) {
    const id = `evnt_test_log${tag}${r.suffix}`;
    mine.push(id);
    seededState.set(id, r.state);
    const payload = { object: "event", id, key: "transfer.create", data: { object: "transfer", id: `trsf_${r.suffix}`, note: "日本語も そのまま" } };
    await db.webhookEvent.create({
      data: {
        id, key: "transfer.create", chargeId: null, payload: payload as Prisma.InputJsonValue, receivedAt: r.at,
        processedAt: r.state === "processed" ? r.at : null, error: r.state === "failed" ? "503 service_unavailable: try later" : (r.note ?? null),
      },
    });
  }
}

/** Every page of a query, following nextCursor; only this file's rows are kept. */
async function walk(query: string, limit: number): Promise<Row[]> {
  const out: Row[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const r: { status: number; body: Page } = await call<Page>("GET", `/api/webhooks/events?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(r.status).toBe(200);
    expect(r.body.data.length).toBeLessThanOrEqual(limit);
    out.push(...r.body.data);
    cursor = r.body.nextCursor;
    // Ours are the newest: once a page holds none of them, the rest is other tests' rows.
    if (!cursor || !r.body.data.some((e) => mine.includes(e.id))) break;
  }
  return out.filter((e) => mine.includes(e.id));
}

describe("GET /api/webhooks/events", () => {
  const base = Date.UTC(2090, 0, 1);
  const at = (s: number) => new Date(base + s * 1000);
  beforeAll(async () => {
    await seed([
      ...[0, 1, 2, 3, 4].map((i) => ({ state: "unprocessed" as const, at: at(i * 3), suffix: `u${i}` })),
      ...[0, 1, 2, 3].map((i) => ({ state: "failed" as const, at: at(i * 3 + 1), suffix: `f${i}` })),
      ...[0, 1, 2].map((i) => ({ state: "processed" as const, at: at(i * 3 + 2), suffix: `p${i}` })),
      // Processed with a note (the charge was not found at Omise): processed, not failed.
      { state: "processed" as const, at: at(60), suffix: "pnote", note: "404 not_found: charge chrg_x was not found" },
      // Two at the same instant: the id breaks the tie, and a page boundary between them loses neither.
      { state: "failed" as const, at: at(100), suffix: "tieA" },
      { state: "failed" as const, at: at(100), suffix: "tieB" },
    ]);
  });

  it("lists newest first, each state filter keeps exactly its rows, and cursor pages neither skip nor repeat", async () => {
    as(admin);
    const expected = (state?: string) => [...seededState].filter(([, s]) => !state || s === state).map(([id]) => id);
    const all = await walk("state=", 4);
    expect(all.map((e) => e.id).sort()).toEqual(expected().sort());
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1] as Row, all[i] as Row];
      expect(a.receivedAt > b.receivedAt || (a.receivedAt === b.receivedAt && a.id > b.id), `${a.id} before ${b.id}`).toBe(true);
    }
    expect(all.slice(0, 2).map((e) => e.id)).toEqual([`evnt_test_log${tag}tieB`, `evnt_test_log${tag}tieA`]);
    for (const state of ["unprocessed", "failed", "processed"] as const) {
      const rows = await walk(`state=${state}`, 1 + (state.length % 3));
      expect(rows.every((e) => e.state === state), state).toBe(true);
      expect(rows.map((e) => e.id).sort(), state).toEqual(expected(state).sort());
      // Beyond our rows too: nothing of another state slips in (the shared database's own rows).
      const first = await call<Page>("GET", `/api/webhooks/events?state=${state}&limit=100`);
      expect(first.body.data.every((e) => e.state === state)).toBe(true);
    }
    const failed = (await call<Page>("GET", `/api/webhooks/events?state=failed&limit=1`)).body.data[0];
    expect(failed).toMatchObject({ id: `evnt_test_log${tag}tieB`, eventId: `evnt_test_log${tag}tieB`, key: "transfer.create", chargeId: null, processedAt: null, error: "503 service_unavailable: try later" });
    expect(failed).not.toHaveProperty("payload");
  });

  it("answers 422 with the reason in the user's language for a bad state, limit or cursor", async () => {
    as(admin);
    for (const [q, field, key] of [
      ["state=done", "state", "webhooks.v.state"],
      ["limit=0", "limit", "webhooks.v.limit"],
      ["limit=101", "limit", "webhooks.v.limit"],
      ["cursor=bm90LWEtY3Vyc29y", "cursor", "webhooks.v.cursor"],
    ] as const) {
      const r = await call<{ error: { code: string; fields: Record<string, string[]> } }>("GET", `/api/webhooks/events?${q}`);
      expect(r.status, q).toBe(422);
      expect(r.body.error.fields[field], q).toEqual([ja(key)]);
    }
  });

  it("GET /api/webhooks/events/:id answers the payload as stored; an unknown id is 404", async () => {
    as(admin);
    const id = `evnt_test_log${tag}p1`;
    const r = await call<Row & { payload: Record<string, unknown> }>("GET", `/api/webhooks/events/${id}`);
    expect(r.status).toBe(200);
    const stored = await (await getDb()).webhookEvent.findUniqueOrThrow({ where: { id } });
    expect(r.body.payload).toEqual(stored.payload);
    expect(r.body).toMatchObject({ id, state: "processed", processedAt: stored.processedAt?.toISOString() });
    expect((await call("GET", `/api/webhooks/events/evnt_test_nobody${tag}`)).status).toBe(404);
  });

  it("only admins: staff and viewers get 403, anonymous 401, on every route", async () => {
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/webhooks/events"],
      ["GET", `/api/webhooks/events/evnt_test_log${tag}p0`],
      ["POST", `/api/webhooks/events/evnt_test_log${tag}u0/process`, {}],
      ["POST", "/api/webhooks/fetch", { from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() }],
    ];
    for (const [who, status] of [[staff, 403], [viewer, 403], [null, 401]] as const) {
      as(who);
      for (const [method, path, body] of routes) expect((await call(method, path, body)).status, `${method} ${path}`).toBe(status);
    }
    // Refused callers changed nothing.
    expect((await (await getDb()).webhookEvent.findUniqueOrThrow({ where: { id: `evnt_test_log${tag}u0` } })).processedAt).toBeNull();
  });

  it("each state filter is served by its index in key order (no Sort, no scan of other states)", async () => {
    const cursor = { receivedAt: at(50), id: "evnt_z" };
    const cases = [
      [undefined, "WebhookEvent_receivedAt_id_idx"],
      ["unprocessed", "WebhookEvent_unprocessed_idx"],
      ["failed", "WebhookEvent_failed_idx"],
      // Nearly every event is processed, so the planner may as well walk the full index and drop
      // the few others; either way an ordered index scan. The partial index is there for a backlog.
      ["processed", "WebhookEvent_(processed|receivedAt_id)_idx"],
    ] as const;
    for (const [state, index] of cases) {
      const text = await explainWith(listEventsSql({ state, after: cursor, take: 51 }), ["enable_seqscan", "enable_bitmapscan"]);
      expect(text, `${state}\n${text}`).toMatch(new RegExp(`Index (Only )?Scan Backward using "?${index}"?`));
      expect(text, `${state}\n${text}`).not.toMatch(/\bSort\b/);
    }
  });
});

const auditRows = async (requestId: string) => (await getDb()).auditLog.findMany({ where: { requestId } });
const order = (i: number) => ({ amount: 1200 + i, customerName: `ログ${i}`, ...uniqueCustomer() });

describe("POST /api/webhooks/events/:id/process", () => {
  it("a failed event that now succeeds moves to processed; a processed one stays as it is; each request is audited", async () => {
    const { charge } = await createCharge({ actor: staff, input: order(1) });
    await sim(simUrl, `/charges/${charge.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
    const db = await getDb();
    const id = `evnt_test_replay${tag}`;
    await db.webhookEvent.create({ data: { id, key: "charge.complete", chargeId: charge.id, payload: { object: "event", id, key: "charge.complete" } } });
    mine.push(id);
    as(admin);
    // Omise failing: the event is recorded as failed, not processed, and the charge is unchanged.
    await sim(simUrl, "/_sim/faults", { api: [{ method: "GET", path: `^/charges/${charge.id}$`, action: "error_500" }] });
    try {
      const r = await call<{ outcome: string; event: Row }>("POST", `/api/webhooks/events/${id}/process`, {});
      expect(r.status).toBe(200);
      expect(r.body.outcome).toBe("failed");
      expect(r.body.event).toMatchObject({ id, state: "failed", processedAt: null });
      expect(r.body.event.error).toContain("500");
    } finally {
      await sim(simUrl, "/_sim/faults", {});
    }
    expect((await db.charge.findUniqueOrThrow({ where: { id: charge.id } })).status).toBe("pending");

    const ok = await call<{ outcome: string; event: Row }>("POST", `/api/webhooks/events/${id}/process`, {});
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outcome: "processed", event: { id, state: "processed", error: null } });
    expect((await db.charge.findUniqueOrThrow({ where: { id: charge.id } })).status).toBe("successful");
    const processed = await db.webhookEvent.findUniqueOrThrow({ where: { id } });
    const changes = await db.chargeEvent.count({ where: { chargeId: charge.id, kind: "status_changed" } });

    // Again: nothing moves, not even the processed time.
    const again = await call<{ outcome: string; event: Row }>("POST", `/api/webhooks/events/${id}/process`, {});
    expect(again.body).toMatchObject({ outcome: "already_processed", event: { state: "processed", processedAt: processed.processedAt?.toISOString() } });
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id } })).toEqual(processed);
    expect(await db.chargeEvent.count({ where: { chargeId: charge.id, kind: "status_changed" } })).toBe(changes);

    const [a] = await auditRows(ok.requestId);
    expect(a).toMatchObject({ action: "webhook.process", actorId: admin.id, targetType: "webhook_event", targetId: id, detail: { before: "failed", after: "processed", outcome: "processed" } });
    const [b] = await auditRows(again.requestId);
    expect(b).toMatchObject({ action: "webhook.process", detail: { before: "processed", after: "processed", outcome: "already_processed" } });
    expect((await call("POST", `/api/webhooks/events/evnt_test_nobody${tag}/process`, {})).status).toBe(404);
  });
});

describe("POST /api/webhooks/fetch", () => {
  type Step = { fetched: number; new: number; processed: number; failed: number; total: number; nextOffset: number | null };
  /** The whole window, step by step as the page does it. */
  async function fetchWindow(from: Date, to: Date) {
    const sum = { fetched: 0, new: 0, processed: 0, failed: 0, total: 0, requestIds: [] as string[], steps: [] as Step[] };
    let offset: number | null = 0;
    while (offset !== null) {
      const r: { status: number; body: Step; requestId: string } = await call<Step>("POST", "/api/webhooks/fetch", { from: from.toISOString(), to: to.toISOString(), offset });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      for (const k of ["fetched", "new", "processed", "failed"] as const) sum[k] += r.body[k];
      sum.total = r.body.total;
      sum.requestIds.push(r.requestId);
      sum.steps.push(r.body);
      offset = r.body.nextOffset;
    }
    return sum;
  }

  it("stores the events webhooks never brought exactly once, processes them, and a second run adds nothing", async () => {
    as(admin);
    const from = new Date(Date.now() - 60_000);
    const { charge } = await createCharge({ actor: staff, input: order(2) });
    await sim(simUrl, `/charges/${charge.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
    const db = await getDb();
    expect(await db.webhookEvent.count({ where: { chargeId: charge.id } })).toBe(0);
    const to = new Date(Date.now() + 60_000);

    const first = await fetchWindow(from, to);
    const stored = await db.webhookEvent.findMany({ where: { chargeId: charge.id } });
    expect(stored.map((e) => e.key).sort()).toEqual(["charge.complete", "charge.create"]);
    expect(stored.every((e) => e.processedAt !== null && e.error === null)).toBe(true);
    expect((await db.charge.findUniqueOrThrow({ where: { id: charge.id } })).status).toBe("successful");
    expect(first.new).toBeGreaterThanOrEqual(2);
    expect(first.fetched).toBe(first.total);
    expect(first.processed + first.failed).toBe(first.new);

    const second = await fetchWindow(from, to);
    expect(second).toMatchObject({ fetched: first.fetched, new: 0, processed: 0, failed: 0 });
    expect(await db.webhookEvent.count({ where: { chargeId: charge.id } })).toBe(2);

    // Each step is audited with what it stored itself (the simulator is shared by every test file, so
    // on a slow run the window can hold more than one step's events).
    for (const [i, requestId] of first.requestIds.entries()) {
      const [audit] = await auditRows(requestId);
      expect(audit).toMatchObject({ action: "webhook.fetch", actorId: admin.id, detail: { from: from.toISOString(), to: to.toISOString(), new: first.steps[i]?.new } });
    }
  });

  it("refuses a window that is missing, reversed, longer than 31 days or in the future with 422, and calls Omise for none of them", async () => {
    as(admin);
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const before = (await (await fetch(`${simUrl}/_sim/stats`)).json()) as { requests: Record<string, number> };
    for (const [body, field, key] of [
      [{}, "to", "webhooks.v.datetime"],
      [{ from: "2026-12-01 10:00", to: iso(now) }, "from", "webhooks.v.datetime"],
      [{ from: iso(now - 3_600_000), to: iso(now - 7_200_000) }, "to", "webhooks.v.order"],
      [{ from: iso(now - 32 * 86_400_000), to: iso(now) }, "to", "webhooks.v.tooLong"],
      [{ from: iso(now + 3_600_000), to: iso(now + 7_200_000) }, "from", "webhooks.v.future"],
      [{ from: iso(now - 60_000), to: iso(now), offset: -1 }, "offset", "webhooks.v.offset"],
    ] as const) {
      const r = await call<{ error: { code: string; fields: Record<string, string[]> } }>("POST", "/api/webhooks/fetch", body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error.fields[field], JSON.stringify(body)).toEqual([ja(key)]);
    }
    const after = (await (await fetch(`${simUrl}/_sim/stats`)).json()) as { requests: Record<string, number> };
    expect(after.requests["GET /events"] ?? 0).toBe(before.requests["GET /events"] ?? 0);
  });
});
