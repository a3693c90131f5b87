import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { can, ROLES, type Actor, type Role } from "@/lib/auth/types";

export type UserDto = { id: string; email: string; name: string; role: Role; disabled: boolean; createdAt: string };

export const createUserSchema = z.object({
  name: z.string({ error: "v.required" }).trim().min(1, "v.required").max(100, "v.userName.tooLong"),
  email: z.string({ error: "v.email.invalid" }).trim().toLowerCase().pipe(z.email("v.email.invalid")),
  password: z.string({ error: "v.password.tooShort" }).min(12, "v.password.tooShort").max(1024, "v.password.tooLong"),
  role: z.enum(ROLES, "v.role.invalid"),
});

export const updateUserSchema = z.object({ disabled: z.boolean({ error: "v.invalid" }).optional(), role: z.enum(ROLES, "v.role.invalid").optional() });

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

export async function createUser(opts: { actor: Actor; input: unknown }): Promise<UserDto> {
  assertAdmin(opts.actor);
  const { password, ...rest } = parseInput(createUserSchema, opts.input);
  const db = await getDb();
  const r = await db.user.createMany({ data: [{ ...rest, passwordHash: await hashPassword(password) }], skipDuplicates: true });
  if (r.count === 0) throw new AppError("conflict", "err.email_taken", { fields: { email: ["err.email_taken"] } });
  return toDto(await db.user.findUniqueOrThrow({ where: { email: rest.email } }));
}

/** Disable/enable or change role; either bumps sessionVersion so old sessions end now. */
export async function updateUser(opts: { actor: Actor; id: string; input: unknown }): Promise<UserDto> {
  assertAdmin(opts.actor);
  const changes = parseInput(updateUserSchema, opts.input);
  if (opts.id === opts.actor.id) throw new AppError("forbidden", "err.forbidden");
  const db = await getDb();
  const exists = await db.user.findUnique({ where: { id: opts.id }, select: { id: true } });
  if (!exists) throw notFound();
  const u = await db.user.update({ where: { id: opts.id }, data: { ...changes, sessionVersion: { increment: 1 } } });
  return toDto(u);
}
