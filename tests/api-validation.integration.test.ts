import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { listCharges } from "@/lib/charges/list-charges";
import { AppError } from "@/lib/errors";
import { keyTranslator } from "@/lib/i18n/translate-key";
import { makeUser, uniqueCustomer, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";

// Validation and not-found answers of the JSON API, over HTTP through the real
// route handlers and withApiHandler. Outside a Next server there is no request
// context for next-auth to read its cookie from, so the session is the one
// thing supplied here: the signed-in user is `signedIn` (re-checked against the
// database by lib/auth/session.ts as usual).
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

const ja = keyTranslator("ja");
const en = keyTranslator("en");
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

let api: Awaited<ReturnType<typeof startApiServer>>;
let staff: TestUser;

beforeAll(async () => {
  api = await startApiServer([
    { path: /^\/api\/charges$/, module: await import("@/app/api/charges/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)$/, module: await import("@/app/api/charges/[id]/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/expire$/, module: await import("@/app/api/charges/[id]/expire/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/sync$/, module: await import("@/app/api/charges/[id]/sync/route") },
  ]);
  staff = await makeUser("staff");
  signedIn.user = { id: staff.id, sv: 0, sid: staff.sid };
});
afterAll(() => api.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(api.url + path, { headers });
const post = (path: string, body: unknown) =>
  fetch(api.url + path, { method: "POST", headers: { Origin: api.url, "Content-Type": "application/json" }, body: JSON.stringify(body) });
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;
// A fresh customer each time, so a second charge is not taken for a duplicate.
const order = () => ({ amount: 900, customerName: "バリデート", ...uniqueCustomer() });

describe("GET /api/charges: query validation", () => {
  it("answers a bad query with 422 and a translated message for each field", async () => {
    const res = await get("/api/charges?status=bogus&limit=0&q=" + "x".repeat(101));
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toEqual({
      code: "unprocessable",
      message: ja("err.validation"),
      fields: { status: [ja("v.status.invalid")], limit: [ja("v.limit.invalid")], q: [ja("v.search.tooLong")] },
    });
    const inEnglish = await errorOf(await get("/api/charges?limit=abc", { Cookie: "kd_locale=en" }));
    expect(inEnglish).toEqual({ code: "unprocessable", message: en("err.validation"), fields: { limit: [en("v.limit.invalid")] } });
  });

  it("says a damaged cursor is invalid, not that it is required, and still follows a good one", async () => {
    const damaged = [
      "not-a-cursor",
      Buffer.from("yesterday|chrg_test_1").toString("base64url"),
      Buffer.from("2026-12-01T00:00:00.000Z").toString("base64url"), // no id
      Buffer.from("2026-12-01T00:00:00.000Z|a|b").toString("base64url"),
      "x".repeat(201),
    ];
    for (const cursor of damaged) {
      const res = await get(`/api/charges?cursor=${cursor}`);
      expect(res.status, cursor).toBe(422);
      expect(await errorOf(res), cursor).toEqual({ code: "unprocessable", message: ja("err.validation"), fields: { cursor: [ja("v.cursor.invalid")] } });
    }
    expect(ja("v.cursor.invalid")).not.toBe(ja("v.required"));
    for (let i = 0; i < 2; i++) await createCharge({ actor: staff, input: order() });
    const first = (await (await get("/api/charges?limit=1")).json()) as { data: { id: string }[]; nextCursor: string };
    const next = await get(`/api/charges?limit=1&cursor=${first.nextCursor}`);
    expect(next.status).toBe(200);
    const page = (await next.json()) as { data: { id: string }[] };
    expect(page.data).toHaveLength(1);
    expect(page.data[0]?.id).not.toBe(first.data[0]?.id);
  });

  it("is the same 422 for the list page, which calls listCharges directly", async () => {
    const err = await listCharges({ query: { status: "bogus" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "unprocessable", message: "err.validation", fields: { status: ["v.status.invalid"] } });
  });
});

describe("POST /api/charges/:id/expire: reason validation", () => {
  it("answers a reason that is not text, or too long, with 422 and leaves the charge alone", async () => {
    const { charge } = await createCharge({ actor: staff, input: order() });
    for (const reason of [42, "x".repeat(256), { text: "why" }]) {
      const res = await post(`/api/charges/${charge.id}/expire`, { reason });
      expect(res.status, JSON.stringify(reason)).toBe(422);
      expect(await errorOf(res)).toEqual({ code: "unprocessable", message: ja("err.validation"), fields: { reason: [ja("v.reason.invalid")] } });
    }
    const db = await getDb();
    expect(await db.chargeEvent.count({ where: { chargeId: charge.id, kind: "expire_requested" } })).toBe(0);
    expect((await db.charge.findUniqueOrThrow({ where: { id: charge.id } })).status).toBe("pending");
    const ok = await post(`/api/charges/${charge.id}/expire`, { reason: "  customer cancelled  " });
    expect(ok.status).toBe(200);
    const detail = (await ok.json()) as { status: string; timeline: { kind: string; detail: string | null }[] };
    expect(detail.status).toBe("expired");
    expect(detail.timeline.find((e) => e.kind === "expire_requested")?.detail).toBe("customer cancelled");
  });
});

describe("an unknown charge", () => {
  it("is 404 with the one not-found code and message, whatever the route", async () => {
    const expected = { code: "not_found", message: ja("err.not_found") };
    const answers = [await get("/api/charges/chrg_test_nosuch"), await post("/api/charges/chrg_test_nosuch/sync", {}), await post("/api/charges/chrg_test_nosuch/expire", {})];
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toEqual(expected);
    }
  });

  it("is still 401 first for a visitor without a session", async () => {
    signedIn.user = null;
    try {
      const res = await get("/api/charges/chrg_test_nosuch");
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthorized");
    } finally {
      signedIn.user = { id: staff.id, sv: 0, sid: staff.sid };
    }
  });
});
