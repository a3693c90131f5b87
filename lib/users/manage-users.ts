import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { passwordString, refineNewPassword } from "@/lib/auth/password-policy";
import { assertReauth } from "@/lib/auth/reauth";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { can, ROLES, type Actor, type Role } from "@/lib/auth/types";
import { recordAudit, type AuditContext } from "@/lib/audit/record";

export type UserDto = { id: string; email: string; name: string; role: Role; disabled: boolean; createdAt: string };

// The password policy (S2: lib/auth/password-policy.ts) applies to the first password too.
export const createUserSchema = z
  .object({
    name: z.string({ error: "v.required" }).trim().min(1, "v.required").max(100, "v.userName.tooLong"),
    email: z.string({ error: "v.email.invalid" }).trim().toLowerCase().pipe(z.email("v.email.invalid")),
    password: passwordString(),
    role: z.enum(ROLES, "v.role.invalid"),
  })
  .superRefine(refineNewPassword("password", (v) => ({ email: v.email, name: v.name })));

// currentPassword: the admin's own password, required to disable someone or change a role (re-authentication).
export const updateUserSchema = z.object({
  disabled: z.boolean({ error: "v.invalid" }).optional(),
  role: z.enum(ROLES, "v.role.invalid").optional(),
  currentPassword: z.string({ error: "err.reauth_required" }).max(1024, "err.reauth_failed").optional(),
});

function assertAdmin(actor: Actor) {
  if (!can(actor, "manageUsers")) throw new AppError("forbidden", "err.forbidden");
}

const toDto = (u: { id: string; email: string; name: string; role: Role; disabled: boolean; createdAt: Date }): UserDto => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  createdAt: u.createdAt.toISOString(),
});

export async function listUsers(opts: { actor: Actor }): Promise<UserDto[]> {
  assertAdmin(opts.actor);
  const db = await getDb();
  return (await db.user.findMany({ orderBy: { createdAt: "asc" } })).map(toDto);
}

/** Who acted, for the audit log row written with the change. */
const actorOf = (a: Actor) => ({ actorId: a.id, actorEmail: a.email });

export async function createUser(opts: { actor: Actor; input: unknown; audit?: AuditContext }): Promise<UserDto> {
  assertAdmin(opts.actor);
  const { password, ...rest } = parseInput(createUserSchema, opts.input);
  const db = await getDb();
  const passwordHash = await hashPassword(password);
  const created = await db.$transaction(async (tx) => {
    const r = await tx.user.createMany({ data: [{ ...rest, passwordHash }], skipDuplicates: true });
    if (r.count === 0) return null;
    const u = toDto(await tx.user.findUniqueOrThrow({ where: { email: rest.email } }));
    const { createdAt: _createdAt, ...after } = u;
    await recordAudit(tx, { action: "user.create", ...actorOf(opts.actor), targetType: "user", targetId: u.id, detail: { after } }, opts.audit);
    return u;
  });
  if (!created) throw new AppError("conflict", "err.email_taken", { fields: { email: ["err.email_taken"] } });
  return created;
}

/**
 * Disable/enable or change role. Disabling and a role change need the admin's own password
 * (`currentPassword`) and end all of that user's sessions; sessionVersion is bumped as well.
 */
export async function updateUser(opts: { actor: Actor; id: string; input: unknown; audit?: AuditContext }): Promise<UserDto> {
  assertAdmin(opts.actor);
  const { currentPassword, ...changes } = parseInput(updateUserSchema, opts.input);
  if (opts.id === opts.actor.id) throw new AppError("forbidden", "err.forbidden");
  const db = await getDb();
  const before = await db.user.findUnique({ where: { id: opts.id }, select: { role: true, disabled: true } });
  if (!before) throw notFound();
  const disabling = changes.disabled === true && !before.disabled;
  const reroling = changes.role !== undefined && changes.role !== before.role;
  if (disabling || reroling) await assertReauth(opts.actor.id, currentPassword);
  return db.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: opts.id }, data: { ...changes, sessionVersion: { increment: 1 } } });
    if (disabling || reroling) await revokeUserSessions(tx, opts.id, disabling ? "disabled" : "role_changed");
    const after = { role: u.role, disabled: u.disabled };
    await recordAudit(tx, { action: "user.update", ...actorOf(opts.actor), targetType: "user", targetId: u.id, detail: { before, after } }, opts.audit);
    return toDto(u);
  });
}
