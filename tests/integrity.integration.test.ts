import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { applyOmiseCharge } from "@/lib/charges/apply-omise-charge";
import { omiseChargeSchema, type OmiseCharge } from "@/lib/omise/schemas";
import type { Actor } from "@/lib/auth/types";
import { makeUser } from "./helpers";

// D4 and D5 on the status update itself, without Omise in the way.
let staff: Actor;
beforeAll(async () => {
  staff = await makeUser("staff");
});

async function localCharge(): Promise<string> {
  const db = await getDb();
  const id = `chrg_test_local${randomBytes(6).toString("hex")}`;
  await db.charge.create({
    data: { id, reference: `kd_${id}`, status: "pending", amount: 500, currency: "JPY", customerName: "テスト", customerEmail: "t@example.jp", customerPhone: "0312345678", createdById: staff.id },
  });
  return id;
}

const remote = (id: string, status: string): OmiseCharge =>
  omiseChargeSchema.parse({
    object: "charge",
    id,
    status,
    amount: 500,
    currency: "JPY",
    paid_at: status === "successful" ? new Date().toISOString() : null,
    expired_at: status === "expired" ? new Date().toISOString() : null,
    failure_code: status === "failed" ? "failed_processing" : null,
  });

describe("status updates", () => {
  it("D5: a failure between the status update and its audit row leaves no partial state", async () => {
    const id = await localCharge();
    const db = await getDb();
    // The audit row references a user that does not exist, so its insert fails inside the transaction.
    await expect(applyOmiseCharge(db, remote(id, "successful"), { source: "sync", actorId: "no-such-user" })).rejects.toThrow();
    const row = await db.charge.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "pending", version: 0, paidAt: null });
    expect(await db.chargeEvent.count({ where: { chargeId: id } })).toBe(0);
  });

  it("D4: racing updates on one charge — exactly one wins, none is lost or applied twice", async () => {
    const db = await getDb();
    const rounds = process.env.DATABASE_URL ? 100 : 20;
    const statuses = ["successful", "failed", "expired", "pending"];
    for (let r = 0; r < rounds; r++) {
      const id = await localCharge();
      const attempts = Array.from({ length: 10 }, (_, i) => statuses[(r + i * 7) % statuses.length] ?? "pending");
      await Promise.all(attempts.map((s) => applyOmiseCharge(db, remote(id, s), { source: "webhook" })));
      const row = await db.charge.findUniqueOrThrow({ where: { id } });
      const changes = await db.chargeEvent.findMany({ where: { chargeId: id, kind: "status_changed" } });
      expect(changes).toHaveLength(1);
      expect(row.version).toBe(1);
      expect(row.status).toBe(changes[0]?.toStatus);
      expect(attempts).toContain(row.status);
      expect(row.status).not.toBe("pending");
    }
  });
});
