import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogFor, isMessageKey } from "@/lib/i18n/catalog";
import { createChargeSchema } from "@/lib/charges/validation";
import { resolveDeadline } from "@/lib/charges/deadline";
import { CHARGE_STATUSES } from "@/lib/charges/status";
import { createUserSchema, updateUserSchema } from "@/lib/users/manage-users";
import { verifyOmiseSignature } from "@/lib/omise/signature";

// Keys that reach the catalog as plain strings at run time (AppError and zod messages,
// stored event kinds, rejection reasons) escape the compiler's check, so check them here.

const ROOT = path.resolve(import.meta.dirname, "../..");
const NAMESPACES = new Set(Object.keys(catalogFor("ja")));

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${path.sep}generated${path.sep}`));
}

describe("message keys used in code", () => {
  it("exist for every dotted string literal in lib/, app/ and components/ that names a catalog namespace", () => {
    const missing: string[] = [];
    for (const file of ["lib", "app", "components"].flatMap(sources)) {
      for (const [, key = ""] of readFileSync(file, "utf8").matchAll(/["'`]([a-z][A-Za-z_]*(?:\.[A-Za-z_]+)+)["'`]/g)) {
        if (NAMESPACES.has(key.split(".")[0] ?? "") && !isMessageKey(key)) missing.push(`${path.relative(ROOT, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  const bad: Record<string, unknown>[] = [
    {},
    { amount: "x", customerName: 1, customerEmail: 2, customerPhone: 3, description: 4, expiresAt: 5, idempotencyKey: 6 },
    { amount: 1.5, customerName: " ", customerEmail: "x", customerPhone: "123", description: "d".repeat(300), expiresAt: "x".repeat(50), idempotencyKey: "!" },
    { amount: 100_000, customerName: "アイウエオカキクケコサ" },
  ];

  it("are every message the charge form's schema and deadline rules produce", () => {
    const messages = bad.flatMap((input) => createChargeSchema.safeParse(input).error?.issues.map((i) => i.message) ?? []);
    for (const input of ["nonsense", "2020-01-01", "2099-01-01"]) {
      const r = resolveDeadline(input, new Date("2026-12-01T00:00:00Z"));
      messages.push(r.ok ? "" : r.error);
    }
    messages.push(...(resolveDeadline("2027-03-01", new Date("2026-12-01T00:00:00Z")).ok ? ["deadline.seven_eleven"] : []));
    expect(messages.filter((m) => m && !isMessageKey(m))).toEqual([]);
    expect(messages.length).toBeGreaterThan(10);
  });

  it("are every message the staff schemas produce", () => {
    const inputs = [{}, { name: 1, email: 2, password: 3, role: 4 }, { name: "n".repeat(101), email: "x", password: "p".repeat(1025), role: "owner" }];
    const updates = [{ disabled: "yes", role: "owner" }];
    const messages = [
      ...inputs.flatMap((i) => createUserSchema.safeParse(i).error?.issues.map((x) => x.message) ?? []),
      ...updates.flatMap((i) => updateUserSchema.safeParse(i).error?.issues.map((x) => x.message) ?? []),
    ];
    expect(messages.filter((m) => !isMessageKey(m))).toEqual([]);
    expect(messages.length).toBeGreaterThan(5);
  });

  it("cover every timeline kind and source, every status and every webhook rejection reason", () => {
    // The column comments in the schema list the values written to the timeline.
    const schema = readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
    const listed = (column: string) => /\/\/ (.+)/.exec(new RegExp(`^\\s*${column}\\s+String.*$`, "m").exec(schema.split("model ChargeEvent")[1] ?? "")?.[0] ?? "")?.[1]?.split("|").map((s) => s.trim()) ?? [];
    const keys = [
      ...listed("kind").map((k) => `timeline.${k}`),
      ...listed("source").map((s) => `timeline.source.${s}`),
      ...CHARGE_STATUSES.map((s) => `status.${s}`),
    ];
    const check = (headers: { sig: string | null; ts: string | null }, now = new Date()) =>
      verifyOmiseSignature({ rawBody: "{}", signatureHeader: headers.sig, timestampHeader: headers.ts, secretBase64: "c2VjcmV0", now });
    const ts = String(Math.floor(Date.now() / 1000));
    for (const r of [check({ sig: null, ts: null }), check({ sig: "a", ts: "x" }), check({ sig: "a", ts: "1" }), check({ sig: "0".repeat(64), ts })]) {
      if (!r.ok) keys.push(`health.reject.${r.reason}`);
    }
    expect(keys.length).toBe(15 + 5 + CHARGE_STATUSES.length + 4);
    expect(keys.filter((k) => !isMessageKey(k))).toEqual([]);
  });
});
