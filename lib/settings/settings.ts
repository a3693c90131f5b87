import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, parseInput } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { recordAudit, type AuditContext } from "@/lib/audit/record";

// Merchant-wide settings: one row per key in "Setting"; a key never written has its default.
export type SettingsDto = { remindersEnabled: boolean };

const DEFAULTS: SettingsDto = { remindersEnabled: true };
const stored = z.object({ remindersEnabled: z.boolean().catch(DEFAULTS.remindersEnabled) });

export const updateSettingsSchema = z.object(
  { remindersEnabled: z.boolean({ error: "v.invalid" }) },
  { error: "err.validation" },
);

type Reader = Pick<Db, "setting"> | Prisma.TransactionClient;

/** The merchant's settings. Any signed-in role may read them (the charge form shows what they mean). */
export async function getSettings(db?: Reader): Promise<SettingsDto> {
  const reader = db ?? (await getDb());
  return settingsOf(await reader.setting.findMany({ where: { key: { in: Object.keys(DEFAULTS) } } }));
}

/** The settings from "Setting" rows (unknown keys ignored, a key never written has its default). */
export function settingsOf(rows: readonly { key: string; value: unknown }[]): SettingsDto {
  const known = rows.filter((r) => Object.hasOwn(DEFAULTS, r.key));
  return stored.parse({ ...DEFAULTS, ...Object.fromEntries(known.map((r) => [r.key, r.value])) });
}

/**
 * Change the merchant's settings (admins). Turning reminders off also cancels the reminders
 * already queued, so none goes out after the merchant said no.
 */
export async function updateSettings(opts: { actor: Actor; input: unknown; audit?: AuditContext }): Promise<SettingsDto> {
  if (!can(opts.actor, "manageSettings")) throw new AppError("forbidden", "err.forbidden");
  const input = parseInput(updateSettingsSchema, opts.input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await getSettings(tx);
    for (const [key, value] of Object.entries(input)) {
      await tx.setting.upsert({ where: { key }, create: { key, value, updatedById: opts.actor.id }, update: { value, updatedById: opts.actor.id } });
    }
    let cancelled = 0;
    if (before.remindersEnabled && !input.remindersEnabled) {
      ({ count: cancelled } = await tx.outboundMessage.updateMany({
        where: { kind: "reminder", state: "queued" },
        data: { state: "cancelled", lastError: "reminders turned off for the merchant" },
      }));
    }
    await recordAudit(
      tx,
      { action: "settings.update", actorId: opts.actor.id, actorEmail: opts.actor.email, targetType: "settings", detail: { before, after: input, remindersCancelled: cancelled } },
      opts.audit,
    );
    return getSettings(tx);
  });
}
