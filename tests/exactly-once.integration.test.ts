import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db";
import { createCharge } from "@/lib/charges/create-charge";
import { getOmise } from "@/lib/omise";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/types";
import { makeUser, sim, uniqueCustomer } from "./helpers";
import { TEST_SECRET_KEY } from "./test-env.mjs";

// F2: every logical create, retried by the client after whatever went wrong,
// ends with exactly one charge at Omise and one in our database.
const simUrl = inject("simulatorUrl");
const RUNS = Number(process.env.F2_RUNS ?? (process.env.DATABASE_URL ? 1000 : 150));
const auth = { Authorization: `Basic ${Buffer.from(`${TEST_SECRET_KEY}:`).toString("base64")}` };

type Rule = { method: string; path: string; action: string; times: number };
const SCENARIOS: Record<string, Rule[]> = {
  none: [],
  source_500: [{ method: "POST", path: "^/sources$", action: "error_500", times: 1 }],
  source_reset: [{ method: "POST", path: "^/sources$", action: "reset", times: 1 }],
  charge_500: [{ method: "POST", path: "^/charges$", action: "error_500", times: 1 }],
  charge_503: [{ method: "POST", path: "^/charges$", action: "error_503", times: 1 }],
  charge_reset: [{ method: "POST", path: "^/charges$", action: "reset", times: 1 }],
  charge_lost_reply: [{ method: "POST", path: "^/charges$", action: "lose_reply", times: 1 }],
  lost_reply_then_lookup_fails: [
    { method: "POST", path: "^/charges$", action: "lose_reply", times: 1 },
    { method: "GET", path: "^/charges$", action: "error_503", times: 3 },
  ],
  lost_reply_twice: [{ method: "POST", path: "^/charges$", action: "lose_reply", times: 2 }],
};

// A small seeded PRNG so a failing run can be replayed.
function prng(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
}

let staff: Actor;
beforeAll(async () => {
  staff = await makeUser("staff");
  await sim(simUrl, "/_sim/config", { webhook_url: null });
});
afterAll(async () => {
  await fetch(`${simUrl}/_sim/faults`, { method: "DELETE" });
});

describe("creating a charge exactly once under faults", () => {
  it(`${RUNS} randomized fault-injected creates each end with exactly one Omise charge`, async () => {
    const seed = Number(process.env.F2_SEED ?? 20261127);
    const rand = prng(seed);
    const names = Object.keys(SCENARIOS);
    const tally: Record<string, number> = {};
    const references: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const scenario = names[Math.floor(rand() * names.length)] ?? "none";
      tally[scenario] = (tally[scenario] ?? 0) + 1;
      await sim(simUrl, "/_sim/faults", { api: SCENARIOS[scenario] });
      const input = { amount: 150 + (i % 1000), customerName: `F2${i}`, ...uniqueCustomer(), idempotencyKey: `f2-${seed}-${i}` };
      let charge = null;
      for (let attempt = 0; attempt < 6 && !charge; attempt++) {
        try {
          charge = (await createCharge({ actor: staff, input })).charge;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          if (err.code === "unavailable") getOmise().breaker.record(true); // keep the run moving; breaker has its own tests
        }
      }
      expect(charge, `run ${i} (${scenario}) never produced a charge`).not.toBeNull();
      references.push(charge?.reference ?? "");
    }
    await fetch(`${simUrl}/_sim/faults`, { method: "DELETE" });

    // Omise's side: count charges per reference.
    const perReference = new Map<string, number>();
    for (let offset = 0; ; offset += 100) {
      const page = (await (await fetch(`${simUrl}/charges?limit=100&offset=${offset}`, { headers: auth })).json()) as {
        data: { metadata: { reference?: string } }[];
        total: number;
      };
      for (const c of page.data) if (c.metadata.reference) perReference.set(c.metadata.reference, (perReference.get(c.metadata.reference) ?? 0) + 1);
      if (offset + page.data.length >= page.total) break;
    }
    const wrong = references.filter((r) => perReference.get(r) !== 1);
    expect(wrong, `references without exactly one Omise charge (seed ${seed})`).toEqual([]);
    const db = await getDb();
    expect(await db.charge.count({ where: { reference: { in: references } } })).toBe(RUNS);
    expect(Object.keys(tally).length).toBe(names.length); // every scenario was exercised
    console.log(`[F2] ${RUNS} creates, seed ${seed}:`, JSON.stringify(tally));
  }, 600_000);
});
