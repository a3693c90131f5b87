import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getOmise } from "@/lib/omise";
import { hashPassword } from "@/lib/auth/password";
import { createCharge } from "@/lib/charges/create-charge";
import { applyOmiseCharge } from "@/lib/charges/apply-omise-charge";

const SAMPLES = [
  { customerName: "ヤマダタロウ", customerEmail: "yamada@example.jp", customerPhone: "09012345678", amount: 3200, description: "電話注文 お米 5kg", outcome: "pending" },
  { customerName: "サトウハナコ", customerEmail: "sato@example.jp", customerPhone: "08023456789", amount: 12800, description: "電話注文 お茶セット", outcome: "paid" },
  { customerName: "スズキイチロウ", customerEmail: "suzuki@example.jp", customerPhone: "07034567890", amount: 980, description: "電話注文 カタログ 3冊", outcome: "failed" },
  { customerName: "タナカミキ", customerEmail: "tanaka@example.jp", customerPhone: "0312345678", amount: 5400, description: "電話注文 タオル", outcome: "pending" },
] as const;

/**
 * Demo data on an empty database: a staff and a viewer account and a few
 * charges made through the simulator (one paid, one failed). Only ever run
 * against the simulator: it calls its test helpers.
 */
export async function seedDemo(): Promise<string> {
  const db = await getDb();
  if ((await db.charge.count()) > 0) return "Demo data already present";
  const admin = await db.user.findFirstOrThrow({ where: { role: "admin" }, orderBy: { createdAt: "asc" } });
  const passwordHash = await hashPassword("konbini-demo-staff");
  await db.user.createMany({
    data: [
      { email: "staff@example.com", name: "鈴木 スタッフ", role: "staff", passwordHash },
      { email: "viewer@example.com", name: "View Only", role: "viewer", passwordHash },
    ],
    skipDuplicates: true,
  });
  const actor = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
  const base = env().OMISE_API_URL;
  const auth = `Basic ${Buffer.from(`${env().OMISE_SECRET_KEY}:`).toString("base64")}`;
  for (const s of SAMPLES) {
    const { charge } = await createCharge({ actor, input: { ...s } });
    if (s.outcome === "pending") continue;
    const path = s.outcome === "paid" ? "mark_as_paid" : "mark_as_failed";
    const body = s.outcome === "failed" ? JSON.stringify({ failure_code: "payment_cancelled" }) : "{}";
    const res = await fetch(`${base}/charges/${charge.id}/${path}`, { method: "POST", headers: { Authorization: auth, "Content-Type": "application/json" }, body });
    if (!res.ok) throw new Error(`simulator ${path} failed: HTTP ${res.status}`);
    await applyOmiseCharge(db, await getOmise().retrieveCharge(charge.id), { source: "sync" });
  }
  return `Seeded ${SAMPLES.length} sample charges, staff@example.com and viewer@example.com (password konbini-demo-staff)`;
}
