import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { makeUser, uniqueCustomer , type TestUser } from "./helpers";
import { startApiServer } from "./api-server";

// Conditional polling over HTTP through the real route handlers: an unchanged list answers 304
// (read from the kept-current totals), any committed write to a charge makes the next poll 200;
// and /api/charges/counts and /api/overview give the contract's fields.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

let api: Awaited<ReturnType<typeof startApiServer>>;
let staff: TestUser;

beforeAll(async () => {
  api = await startApiServer([
    { path: /^\/api\/charges$/, module: await import("@/app/api/charges/route") },
    { path: /^\/api\/charges\/counts$/, module: await import("@/app/api/charges/counts/route") },
    { path: /^\/api\/overview$/, module: await import("@/app/api/overview/route") },
  ]);
  staff = await makeUser("staff");
  signedIn.user = { id: staff.id, sv: 0, sid: staff.sid };
});
afterAll(() => api.close());

const get = (path: string, etag?: string) => fetch(`${api.url}${path}`, { headers: etag ? { "If-None-Match": etag } : {} });

describe("conditional polling", () => {
  it("answers 304 while nothing changed, and 200 with a new ETag after a write by the app or by SQL", async () => {
    const first = await get("/api/charges?status=pending&counts=1");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"charges-\d+"$/);
    const again = await get("/api/charges?status=pending&counts=1", etag ?? "");
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    await createCharge({ actor: staff, input: { amount: 2100, customerName: "ポーリング", ...uniqueCustomer() } });
    const changed = await get("/api/charges?status=pending&counts=1", etag ?? "");
    expect(changed.status).toBe(200);
    const etag2 = changed.headers.get("etag");
    expect(etag2).not.toBe(etag);

    // An operator's UPDATE that changes no count still changes what the list shows.
    const db = await getDb();
    await db.$executeRawUnsafe(`UPDATE "Charge" SET "description" = 'edited' WHERE "id" = (SELECT "id" FROM "Charge" ORDER BY "createdAt" DESC LIMIT 1)`);
    expect((await get("/api/charges?status=pending&counts=1", etag2 ?? "")).status).toBe(200);
  });

  it("GET /api/charges/counts gives every tab, equal to a direct count", async () => {
    const res = await get("/api/charges/counts");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, number>;
    const db = await getDb();
    const direct = await db.$queryRaw<{ status: string; n: bigint }[]>`SELECT "status", count(*) AS n FROM "Charge" GROUP BY 1`;
    for (const s of ["pending", "successful", "expired", "failed"]) expect(body[s], s).toBe(Number(direct.find((d) => d.status === s)?.n ?? 0));
    expect(body.all).toBe(direct.reduce((n, d) => n + Number(d.n), 0));
    expect((await get("/api/charges/counts?q=%E3%83%9D%E3%83%BC%E3%83%AA%E3%83%B3%E3%82%B0")).status).toBe(200);
  });

  it("GET /api/overview gives the overview's figures; anonymous gets 401", async () => {
    const res = await get("/api/overview");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["daily", "expiredMonth", "expiringSoon", "paidMonth", "paidToday", "pending"]);
    expect((body.daily as unknown[]).length).toBe(30);
    signedIn.user = null;
    try {
      expect((await get("/api/overview")).status).toBe(401);
      expect((await get("/api/charges/counts")).status).toBe(401);
    } finally {
      signedIn.user = { id: staff.id, sv: 0, sid: staff.sid };
    }
  });
});
