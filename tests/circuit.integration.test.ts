import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { syncCharge } from "@/lib/charges/sync-charge";
import { getWebhookHealth } from "@/lib/webhooks/get-webhook-health";
import type { Actor } from "@/lib/auth/types";
import { makeUser, sim, uniqueCustomer } from "./helpers";

// F4: while Omise fails, the breaker opens and no call goes out; staff are told,
// and creating is refused before anything is written. (This file runs in its
// own process, so the open breaker does not leak into other tests.)
const simUrl = inject("simulatorUrl");
const stats = async () => ((await (await fetch(`${simUrl}/_sim/stats`)).json()) as { requests: Record<string, number> }).requests;
const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

let staff: Actor;
beforeAll(async () => {
  staff = await makeUser("staff");
});
afterAll(async () => {
  await fetch(`${simUrl}/_sim/faults`, { method: "DELETE" });
});

describe("circuit breaker against a failing Omise", () => {
  it("opens after repeated failures, then sends nothing and refuses to create", async () => {
    const { charge } = await createCharge({ actor: staff, input: { amount: 800, customerName: "ブレーカー", ...uniqueCustomer() } });
    await sim(simUrl, "/_sim/faults", { api: [{ path: "^/charges", action: "error_503" }] });
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push(await syncCharge({ actor: staff, id: charge.id }).then(() => "ok", (e: { code: string }) => e.code));
    expect(codes.slice(0, 6)).toEqual(Array(6).fill("provider_error"));
    expect(codes.at(-1)).toBe("unavailable");

    const before = total(await stats());
    for (let i = 0; i < 5; i++) await expect(syncCharge({ actor: staff, id: charge.id })).rejects.toMatchObject({ code: "unavailable", message: "err.circuit_open" });
    const db = await getDb();
    const attempts = await db.chargeAttempt.count();
    await expect(createCharge({ actor: staff, input: { amount: 800, customerName: "ブレーカー", ...uniqueCustomer() } })).rejects.toMatchObject({
      code: "unavailable",
    });
    expect(total(await stats())).toBe(before); // zero outbound calls while open
    expect(await db.chargeAttempt.count()).toBe(attempts);

    const health = await getWebhookHealth();
    expect(health.omise.state).toBe("open");
    expect(health.omise.lastSuccessAt).not.toBeNull();
  });
});
