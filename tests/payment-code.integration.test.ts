import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { receiveOmiseEvent } from "@/lib/webhooks/receive-event";
import { signPayload } from "@/lib/omise/signature";
import type { ChargeDto, ChargeDetailDto } from "@/lib/charges/dto";
import { makeUser, sim, uniqueCustomer, type TestUser } from "./helpers";
import { startApiServer } from "./api-server";
import { TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "./test-env.mjs";

// Omise's source.references.payment_code, from Omise to the row to the JSON, over HTTP through
// the real route handlers (the session is supplied as in api-validation.integration.test.ts).
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

const simUrl = inject("simulatorUrl");
let api: Awaited<ReturnType<typeof startApiServer>>;
let staff: TestUser;

beforeAll(async () => {
  api = await startApiServer([
    { path: /^\/api\/charges$/, module: await import("@/app/api/charges/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)$/, module: await import("@/app/api/charges/[id]/route") },
    { path: /^\/api\/charges\/(?<id>[^/]+)\/sync$/, module: await import("@/app/api/charges/[id]/sync/route") },
  ]);
  staff = await makeUser("staff");
  signedIn.user = { id: staff.id, sv: 0, sid: staff.sid };
});
afterAll(() => api.close());

const post = (path: string, body: unknown) =>
  fetch(api.url + path, { method: "POST", headers: { Origin: api.url, "Content-Type": "application/json" }, body: JSON.stringify(body) });
const getJson = async <T>(path: string) => (await (await fetch(api.url + path)).json()) as T;
const remoteCode = async (id: string) => {
  const res = await fetch(`${simUrl}/charges/${id}`, { headers: { Authorization: `Basic ${Buffer.from(`${TEST_SECRET_KEY}:`).toString("base64")}` } });
  const body = (await res.json()) as { source: { references: { payment_code: string } } };
  return body.source.references.payment_code;
};
const storedCode = async (id: string) => (await (await getDb()).charge.findUniqueOrThrow({ where: { id } })).paymentCode;

async function create(): Promise<ChargeDto> {
  const res = await post("/api/charges", { amount: 1200, customerName: "バンゴウ", ...uniqueCustomer() });
  expect(res.status).toBe(201);
  return (await res.json()) as ChargeDto;
}

/** A row recorded before the column existed, or from an answer without references. */
const forgetCode = async (id: string) => (await getDb()).charge.update({ where: { id }, data: { paymentCode: null } });

describe("payment code", () => {
  it("is stored when the charge is created and is in the charge JSON", async () => {
    const created = await create();
    const code = await remoteCode(created.id);
    expect(code).toMatch(/^\d{11}$/);
    expect(created.paymentCode).toBe(code);
    expect(await storedCode(created.id)).toBe(code);
    expect((await getJson<ChargeDetailDto>(`/api/charges/${created.id}`)).paymentCode).toBe(code);
    const list = await getJson<{ data: ChargeDto[] }>(`/api/charges?q=${created.id}`);
    expect(list.data.map((c) => c.paymentCode)).toEqual([code]);
  });

  it("is filled in by Sync now when the row lacks it (status unchanged)", async () => {
    const created = await create();
    await forgetCode(created.id);
    expect((await getJson<ChargeDto>(`/api/charges/${created.id}`)).paymentCode).toBeNull();
    const res = await post(`/api/charges/${created.id}/sync`, {});
    expect(res.status).toBe(200);
    const code = await remoteCode(created.id);
    expect(((await res.json()) as ChargeDto).paymentCode).toBe(code);
    expect(await storedCode(created.id)).toBe(code);
  });

  it("is filled in by a webhook that changes the status, and kept afterwards", async () => {
    const created = await create();
    await forgetCode(created.id);
    await sim(simUrl, `/charges/${created.id}/mark_as_paid`, {}, TEST_SECRET_KEY);
    const rawBody = JSON.stringify({ object: "event", id: `evnt_test_code${Date.now()}`, key: "charge.complete", created_at: new Date().toISOString(), data: { object: "charge", id: created.id } });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const result = await receiveOmiseEvent({ rawBody, timestamp, signature: signPayload(rawBody, timestamp, TEST_WEBHOOK_SECRET) });
    expect(result.status).toBe(200);
    if (result.status === 200) expect(await result.processing).toBe(true);
    const after = await getJson<ChargeDto>(`/api/charges/${created.id}`);
    expect(after.status).toBe("successful");
    expect(after.paymentCode).toBe(await remoteCode(created.id));
  });
});
