import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import type { ChargeDetailDto } from "@/lib/charges/dto";
import { fromJst, jstWallClock } from "@/lib/time/jst";
import { enqueueMessage } from "@/lib/messages/enqueue";
import { getReminderPlan, reminderCandidatesSql, scanReminders, scheduleReminders } from "@/lib/messages/reminders";
import { getCharge } from "@/lib/charges/get-charge";
import { makeUser, sim, uniqueCustomer , type TestUser } from "./helpers";
import { startApiServer } from "./api-server";

// Which reminders are queued, and when, with the app's notion of now taken from the simulator's
// clock. Charges are made and changed through the real API over HTTP against the simulator; the
// session is supplied as in api-validation.integration.test.ts.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

const simUrl = inject("simulatorUrl");
const HOUR = 3_600_000;
let api: Awaited<ReturnType<typeof startApiServer>>;
let staff: TestUser;
let admin: TestUser;
let viewer: TestUser;
let simOffsetAtStart = 0;
const startedAt = new Date();
const mine: string[] = [];

const as = (u: TestUser) => (signedIn.user = { id: u.id, sv: 0, sid: u.sid });
const send = (method: string, path: string, body?: unknown) =>
  fetch(api.url + path, { method, headers: { Origin: api.url, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
const detail = async (id: string) => (await (await send("GET", `/api/charges/${id}`)).json()) as ChargeDetailDto;

/** A charge made through POST /api/charges, due at `expiresAt`. */
async function charge(expiresAt: Date, extra: object = {}): Promise<ChargeDetailDto> {
  await restoreSimClock(); // the simulator refuses a deadline already past on its own clock
  as(staff);
  const res = await send("POST", "/api/charges", { amount: 2400, customerName: "リマインド", ...uniqueCustomer(), expiresAt: expiresAt.toISOString(), ...extra });
  expect(res.status).toBe(201);
  const body = (await res.json()) as ChargeDetailDto;
  mine.push(body.id);
  return detail(body.id);
}

const restoreSimClock = () => sim(simUrl, "/_sim/clock", { now: new Date(Date.now() + simOffsetAtStart).toISOString() });

/** Move the simulator's clock to `at` and return its now: what the scheduler is given. */
async function simNow(at: Date): Promise<Date> {
  await sim(simUrl, "/_sim/clock", { now: at.toISOString() });
  const { now } = (await (await fetch(`${simUrl}/_sim/clock`)).json()) as { now: string };
  return new Date(now);
}

const remindersOf = async (chargeId: string) => (await getDb()).outboundMessage.findMany({ where: { chargeId, kind: "reminder" } });

// Deadlines the day after tomorrow (JST), so each charge is made more than a day ahead.
const j = jstWallClock(new Date());
const day2 = (h: number, m = 0) => fromJst(j.getUTCFullYear(), j.getUTCMonth() + 1, j.getUTCDate() + 2, h, m);

beforeAll(async () => {
  api = await startApiServer([
    { path: /^\/api\/charges$/, module: await import("@/app/api/charges/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)$/, module: await import("@/app/api/charges/[id]/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/expire$/, module: await import("@/app/api/charges/[id]/expire/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/sync$/, module: await import("@/app/api/charges/[id]/sync/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/reissue$/, module: await import("@/app/api/charges/[id]/reissue/route") },
    { path: /^\/api\/settings$/, module: await import("@/app/api/settings/route") },
  ]);
  [staff, admin, viewer] = [await makeUser("staff"), await makeUser("admin"), await makeUser("viewer")];
  const { now } = (await (await fetch(`${simUrl}/_sim/clock`)).json()) as { now: string };
  simOffsetAtStart = Date.parse(now) - Date.now();
});

afterAll(async () => {
  // The simulator and the database are shared with the other test files: put the clock and the
  // setting back, and take away the reminders these scans queued for other files' charges.
  await restoreSimClock();
  const db = await getDb();
  await db.setting.deleteMany({ where: { key: "remindersEnabled" } });
  const others = { chargeId: { notIn: mine } };
  await db.outboundMessage.deleteMany({ where: { ...others, kind: "reminder", createdAt: { gte: startedAt } } });
  await db.chargeEvent.deleteMany({ where: { ...others, kind: "message_queued", source: "outbox", at: { gte: startedAt } } });
  await api.close();
});

describe("scheduleReminders on the simulator's clock", () => {
  it("queues nothing 25 hours before the deadline, then one reminder 23 hours before, however often and concurrently it runs", async () => {
    const deadline = day2(13);
    const a = await charge(deadline);
    const b = await charge(new Date(deadline.getTime() + 60_000));
    expect(a.remindersEnabled).toBe(true);
    expect(a.reminder).toEqual({ state: "planned", at: new Date(deadline.getTime() - 24 * HOUR).toISOString() });

    await scheduleReminders({ now: await simNow(new Date(deadline.getTime() - 25 * HOUR)) });
    expect(await remindersOf(a.id)).toEqual([]);

    const now = await simNow(new Date(deadline.getTime() - 23 * HOUR)); // 14:00 JST the day before
    expect(jstWallClock(now).getUTCHours()).toBe(14);
    // Pages of one: the keyset scan goes on past the first page.
    const first = await scheduleReminders({ now, batchSize: 1 });
    expect(first.ran).toBe(true);
    expect(first.queued).toBeGreaterThanOrEqual(2);
    await scheduleReminders({ now });
    const concurrent = await Promise.all([scheduleReminders({ now }), scheduleReminders({ now }), scheduleReminders({ now })]);
    expect(concurrent.reduce((n, r) => n + r.queued, 0)).toBe(0);

    const rows = await remindersOf(a.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      dedupeKey: `reminder-${a.id}-1`,
      state: "queued",
      channel: "email",
      locale: "ja",
      toAddress: a.customerEmail,
      notBefore: new Date(deadline.getTime() - 24 * HOUR),
      notAfter: deadline,
      onlyWhilePending: true,
      daytimeOnly: true,
      createdById: null,
    });
    expect(await remindersOf(b.id)).toHaveLength(1);
    const after = await detail(a.id);
    expect(after.reminder).toEqual({ state: "queued", at: new Date(deadline.getTime() - 24 * HOUR).toISOString() });
    expect(after.timeline.filter((e) => e.kind === "message_queued")).toHaveLength(1);
  });

  it("queues one row even when two scans run at once without the lock (two instances)", async () => {
    const deadline = day2(13, 2);
    const c = await charge(deadline);
    const now = await simNow(new Date(deadline.getTime() - 23 * HOUR));
    const db = await getDb();
    const [x, y] = await Promise.all([scanReminders(db, now), scanReminders(db, now)]);
    expect(await remindersOf(c.id)).toHaveLength(1);
    expect(x.queued + y.queued).toBeGreaterThanOrEqual(1);
    expect((await detail(c.id)).timeline.filter((e) => e.kind === "message_queued")).toHaveLength(1);
  });

  it("queues a reminder due at 22:00 JST for 09:00 the next morning", async () => {
    const deadline = day2(22);
    const c = await charge(deadline);
    const morning = day2(9);
    expect(c.reminder).toEqual({ state: "planned", at: morning.toISOString() });
    await scheduleReminders({ now: await simNow(new Date(deadline.getTime() - 24 * HOUR - 60_000)) });
    expect(await remindersOf(c.id)).toEqual([]);
    const now = await simNow(new Date(deadline.getTime() - 23.5 * HOUR)); // 22:30 JST
    await scheduleReminders({ now });
    const [row] = await remindersOf(c.id);
    expect(row?.notBefore).toEqual(morning);
    expect(row?.notAfter).toEqual(deadline);
  });

  it("queues nothing for a paid charge or an expired one", async () => {
    const deadline = day2(13, 5);
    const paid = await charge(deadline);
    const expired = await charge(new Date(deadline.getTime() + 60_000));
    const pay = await fetch(`${simUrl}/pay/${paid.id}/pay`, { method: "POST", redirect: "manual" });
    expect(pay.status).toBe(303);
    expect((await send("POST", `/api/charges/${paid.id}/sync`, {})).status).toBe(200);
    expect((await send("POST", `/api/charges/${expired.id}/expire`, {})).status).toBe(200);
    await scheduleReminders({ now: await simNow(new Date(deadline.getTime() - 23 * HOUR)) });
    for (const id of [paid.id, expired.id]) {
      const d = await detail(id);
      expect(d.status).not.toBe("pending");
      expect(d.reminder).toEqual({ state: "not_pending" });
      expect(await remindersOf(id)).toEqual([]);
    }
  });

  it("queues nothing for a charge made without reminders, or turned off on its page; only staff and admins may turn it", async () => {
    const deadline = day2(13, 10);
    const without = await charge(deadline, { reminders: false });
    expect(without.remindersEnabled).toBe(false);
    expect(without.reminder).toEqual({ state: "off" });
    const turned = await charge(new Date(deadline.getTime() + 60_000));

    as(viewer);
    expect((await send("PATCH", `/api/charges/${turned.id}`, { remindersEnabled: false })).status).toBe(403);
    as(staff);
    expect((await send("PATCH", `/api/charges/${turned.id}`, { remindersEnabled: "no" })).status).toBe(422);
    const res = await send("PATCH", `/api/charges/${turned.id}`, { remindersEnabled: false });
    expect(res.status).toBe(200);
    const off = (await res.json()) as ChargeDetailDto;
    expect(off.remindersEnabled).toBe(false);
    expect(off.reminder).toEqual({ state: "off" });
    expect(off.timeline.at(-1)).toMatchObject({ kind: "reminders_off", source: "user", actorName: staff.name });
    const audit = await (await getDb()).auditLog.findFirst({ where: { action: "charge.reminders", targetId: turned.id } });
    expect(audit).toMatchObject({ actorId: staff.id, detail: { remindersEnabled: false } });

    await scheduleReminders({ now: await simNow(new Date(deadline.getTime() - 23 * HOUR)) });
    expect(await remindersOf(without.id)).toEqual([]);
    expect(await remindersOf(turned.id)).toEqual([]);
  });

  it("keeps a charge's choice when it is re-issued", async () => {
    const old = await charge(day2(13, 12), { reminders: false });
    as(staff);
    const res = await send("POST", `/api/charges/${old.id}/reissue`, { reason: "期限延長" });
    expect(res.status).toBe(201);
    const fresh = (await res.json()) as ChargeDetailDto;
    mine.push(fresh.id);
    expect(fresh.remindersEnabled).toBe(false);
  });

  it("cancels a queued reminder turned off later, and refuses to change a charge that is no longer pending", async () => {
    const deadline = day2(13, 15);
    const c = await charge(deadline);
    await scheduleReminders({ now: await simNow(new Date(deadline.getTime() - 23 * HOUR)) });
    expect((await remindersOf(c.id))[0]?.state).toBe("queued");
    as(staff);
    await send("PATCH", `/api/charges/${c.id}`, { remindersEnabled: false });
    expect((await remindersOf(c.id))[0]?.state).toBe("cancelled");
    expect((await detail(c.id)).reminder).toEqual({ state: "cancelled" });
    await send("POST", `/api/charges/${c.id}/expire`, {});
    expect((await send("PATCH", `/api/charges/${c.id}`, { remindersEnabled: true })).status).toBe(409);
  });

  it("queues nothing while the merchant-wide setting is off (admins only), and cancels what was queued", async () => {
    const deadline = day2(13, 20);
    const queuedBefore = await charge(deadline);
    const c = await charge(new Date(deadline.getTime() + 2 * HOUR));
    // The first is queued before the second is due.
    await scheduleReminders({ now: await simNow(new Date(deadline.getTime() - 23 * HOUR)) });
    expect(await remindersOf(c.id)).toEqual([]);
    const now = await simNow(new Date(deadline.getTime() - 21 * HOUR));
    expect(await remindersOf(queuedBefore.id)).toHaveLength(1);
    try {
      as(staff);
      expect((await send("PATCH", "/api/settings", { remindersEnabled: false })).status).toBe(403);
      expect(await (await send("GET", "/api/settings")).json()).toEqual({ remindersEnabled: true });
      as(admin);
      expect((await send("PATCH", "/api/settings", { remindersEnabled: "off" })).status).toBe(422);
      const res = await send("PATCH", "/api/settings", { remindersEnabled: false });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ remindersEnabled: false });
      expect(await (await getDb()).auditLog.findFirst({ where: { action: "settings.update", actorId: admin.id } })).toMatchObject({ targetType: "settings" });
      expect((await remindersOf(queuedBefore.id))[0]?.state).toBe("cancelled");

      expect(await scheduleReminders({ now })).toEqual({ ran: true, scanned: 0, queued: 0 });
      expect(await remindersOf(c.id)).toEqual([]);
      expect((await detail(c.id)).reminder).toEqual({ state: "merchant_off" });
    } finally {
      as(admin);
      await send("PATCH", "/api/settings", { remindersEnabled: true });
    }
    await scheduleReminders({ now });
    expect(await remindersOf(c.id)).toHaveLength(1);
  });

  it("counts the link emails: three already sent means no reminder; two mean the reminder is the third, in the link's language", async () => {
    const deadline = day2(13, 30);
    const full = await charge(deadline);
    const two = await charge(new Date(deadline.getTime() + 60_000));
    const db = await getDb();
    // One transaction each, so each has its own time (the row's default is the transaction's now()).
    const link = (chargeId: string, n: number, locale: "ja" | "en", toAddress: string) =>
      db.$transaction((tx) => enqueueMessage(tx, { chargeId, kind: "link", locale, toAddress, dedupeKey: `link-test-${chargeId}-${n}`, createdById: staff.id }));
    for (const n of [1, 2, 3]) await link(full.id, n, "ja", full.customerEmail);
    // A failed send is not a message the customer got.
    await link(two.id, 1, "ja", two.customerEmail);
    await db.outboundMessage.update({ where: { dedupeKey: `link-test-${two.id}-1` }, data: { state: "failed" } });
    await link(two.id, 2, "ja", two.customerEmail);
    await link(two.id, 3, "en", two.customerEmail);
    expect((await detail(full.id)).reminder).toEqual({ state: "limit" });
    await scheduleReminders({ now: await simNow(new Date(deadline.getTime() - 23 * HOUR)) });
    expect(await remindersOf(full.id)).toEqual([]);
    const [row] = await remindersOf(two.id);
    expect(row?.locale).toBe("en");
  });

  it("plans no reminder for a charge made less than a day before its deadline", async () => {
    const soon = await charge(new Date(Date.now() + 5 * HOUR));
    expect(soon.reminder).toEqual({ state: "too_soon" });
    await scheduleReminders({ now: await simNow(new Date(Date.now() + HOUR)) });
    expect(await remindersOf(soon.id)).toEqual([]);
  });

  it("finds its candidates by a range scan on the (status, expiresAt, id) index", async () => {
    const db = await getDb();
    const sql = reminderCandidatesSql(new Date(), { expiresAt: new Date(), id: "chrg_test_x" }, 200);
    const literal = (v: unknown) => (typeof v === "number" ? String(v) : `'${v instanceof Date ? v.toISOString() : String(v)}'`);
    const explained = `EXPLAIN ${sql.text.replace(/\$(\d+)/g, (_, n: string) => literal(sql.values[Number(n) - 1]))}`;
    // With a handful of rows every index costs the same and the planner's pick is a coin toss; with
    // the statistics of a real table (most charges not pending, deadlines in the window) it is the
    // plan production gets. The rows and the statistics are rolled back with the transaction.
    let text = "";
    const rollback = new Error("rollback");
    await db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO "Charge" (id, reference, status, amount, currency, "customerName", "customerEmail", "customerPhone", "createdById", "createdAt", "updatedAt", "expiresAt")
          SELECT 'chrg_plan_' || g, 'kd_plan_' || g, CASE WHEN g % 50 = 0 THEN 'pending' ELSE 'expired' END, 1000, 'JPY', 'プラン', 'plan@example.jp', '09000000000',
            (SELECT id FROM "User" LIMIT 1), now(), now(), now() + (g % 40) * interval '1 hour'
          FROM generate_series(1, 5000) g`);
        await tx.$executeRawUnsafe(`ANALYZE "Charge"`);
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
        // The outbox here is a few rows without statistics, which a hash join reads whole; at scale
        // it is the nested loop below, whose order is the index's (a sort would mean it is not).
        await tx.$executeRawUnsafe("SET LOCAL enable_hashjoin = off");
        await tx.$executeRawUnsafe("SET LOCAL enable_mergejoin = off");
        text = (await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(explained)).map((r) => r["QUERY PLAN"]).join("\n");
        throw rollback;
      })
      .catch((err: unknown) => {
        if (err !== rollback) throw err;
      });
    expect(text).toContain("Charge_status_expiresAt_id_idx");
    expect(text).not.toMatch(/\bSort\b/);
  });

  // The charge page reads its reminder facts in plain SQL (lib/charges/get-charge.ts); the scan and
  // the API read them through Prisma (reminderFacts). Over every charge the tests above left in
  // every state (queued, sent, cancelled, turned off, too late, paid, expired), the two agree.
  it("shows on the charge page the same reminder plan the scheduler works from", async () => {
    const ids = (await (await getDb()).charge.findMany({ select: { id: true }, orderBy: { createdAt: "desc" }, take: 60 })).map((c) => c.id);
    expect(ids.length).toBeGreaterThan(8);
    const states = new Set<string>();
    for (const id of ids) {
      const plan = await getReminderPlan({ chargeId: id });
      states.add(plan.state);
      expect((await getCharge({ id })).reminder).toEqual(plan);
    }
    expect(states.size).toBeGreaterThan(2);
  });
});
