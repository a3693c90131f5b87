import "server-only";
import { z } from "zod";
import { getDb, readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/types";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { normaliseViewQuery } from "@/lib/views/view-query";

// Saved views of the charge list. Every signed-in role (viewers too: they read the list) saves
// and manages its own; only admins share one with everyone (CAN.shareView). A view is changed or
// deleted by its owner, or by an admin when it is shared; one nobody may see answers 404.
// Creating, changing and deleting a shared view is audited.
export type SavedViewDto = { id: string; name: string; query: string; shared: boolean; ownerName: string; mine: boolean; canEdit: boolean; createdAt: string; updatedAt: string };

const name = z.string({ error: "views.v.name" }).trim().min(1, "views.v.name").max(60, "views.v.nameTooLong");
const query = z.string({ error: "views.v.query" }).max(2000, "views.v.query");
const createSchema = z.object({ name, query, shared: z.boolean({ error: "views.v.shared" }).optional() });
const updateSchema = z.object({ name: name.optional(), query: query.optional(), shared: z.boolean({ error: "views.v.shared" }).optional() });

type Row = { id: string; name: string; query: string; shared: boolean; ownerId: string; owner: { name: string }; createdAt: Date; updatedAt: Date };
const include = { owner: { select: { name: true } } } as const;

const mayEdit = (actor: Actor, v: { ownerId: string; shared: boolean }) => v.ownerId === actor.id || (v.shared && can(actor, "shareView"));
const toDto = (actor: Actor, v: Row): SavedViewDto => ({
  id: v.id,
  name: v.name,
  query: v.query,
  shared: v.shared,
  ownerName: v.owner.name,
  mine: v.ownerId === actor.id,
  canEdit: mayEdit(actor, v),
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});
const taken = () => new AppError("conflict", "views.v.nameTaken", { fields: { name: ["views.v.nameTaken"] } });
const auditOf = (actor: Actor, action: string, v: { id: string; name: string; query: string }) =>
  ({ action, actorId: actor.id, actorEmail: actor.email, targetType: "saved_view", targetId: v.id, detail: { name: v.name, query: v.query } }) as const;

/** One's own views and the shared ones, shared first, then by name. */
export async function listViews(opts: { actor: Actor }): Promise<SavedViewDto[]> {
  // Read on every list page: straight to the pg pool (lib/db.ts readRows), no query compiler.
  const rows = await readRows<Omit<Row, "owner"> & { ownerName: string }>(Prisma.sql`
    SELECT v."id", v."name", v."query", v."shared", v."ownerId", u."name" AS "ownerName", v."createdAt", v."updatedAt"
    FROM "SavedView" v JOIN "User" u ON u."id" = v."ownerId"
    WHERE v."ownerId" = ${opts.actor.id} OR v."shared"
    ORDER BY v."shared" DESC, v."name", v."id" LIMIT 200`, { prepare: true });
  return rows.map(({ ownerName, ...r }) => toDto(opts.actor, { ...r, owner: { name: ownerName } }));
}

export async function createView(opts: { actor: Actor; input: unknown; audit?: AuditContext }): Promise<SavedViewDto> {
  const input = parseInput(createSchema, opts.input);
  if (input.shared && !can(opts.actor, "shareView")) throw new AppError("forbidden", "views.err.shareAdminOnly");
  const data = { name: input.name, query: normaliseViewQuery(input.query), shared: input.shared ?? false, ownerId: opts.actor.id };
  const db = await getDb();
  // createMany skips a taken name instead of failing the transaction (unique per owner).
  const row = await db.$transaction(async (tx) => {
    const r = await tx.savedView.createMany({ data: [data], skipDuplicates: true });
    if (r.count === 0) return null;
    const made = await tx.savedView.findUniqueOrThrow({ where: { ownerId_name: { ownerId: opts.actor.id, name: data.name } }, include });
    if (made.shared) await recordAudit(tx, auditOf(opts.actor, "view.create_shared", made), opts.audit);
    return made;
  });
  if (!row) throw taken();
  return toDto(opts.actor, row);
}

async function editable(actor: Actor, id: string) {
  const db = await getDb();
  const row = await db.savedView.findUnique({ where: { id }, include });
  if (!row || (row.ownerId !== actor.id && !row.shared)) throw notFound();
  if (!mayEdit(actor, row)) throw new AppError("forbidden", "views.err.notYours");
  return row;
}

/** Rename, change the filters, or (admins) share or stop sharing. */
export async function updateView(opts: { actor: Actor; id: string; input: unknown; audit?: AuditContext }): Promise<SavedViewDto> {
  const input = parseInput(updateSchema, opts.input);
  const before = await editable(opts.actor, opts.id);
  if (input.shared !== undefined && input.shared !== before.shared && !can(opts.actor, "shareView")) throw new AppError("forbidden", "views.err.shareAdminOnly");
  const changes = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.query !== undefined ? { query: normaliseViewQuery(input.query) } : {}), ...(input.shared !== undefined ? { shared: input.shared } : {}) };
  const db = await getDb();
  if (changes.name && changes.name !== before.name && (await db.savedView.findUnique({ where: { ownerId_name: { ownerId: before.ownerId, name: changes.name } } }))) throw taken();
  const row = await db.$transaction(async (tx) => {
    const after = await tx.savedView.update({ where: { id: before.id }, data: changes, include });
    if (before.shared || after.shared) await recordAudit(tx, { ...auditOf(opts.actor, "view.update_shared", after), detail: { before: { name: before.name, query: before.query, shared: before.shared }, after: { name: after.name, query: after.query, shared: after.shared } } }, opts.audit);
    return after;
  });
  return toDto(opts.actor, row);
}

export async function deleteView(opts: { actor: Actor; id: string; audit?: AuditContext }): Promise<void> {
  const row = await editable(opts.actor, opts.id);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.savedView.delete({ where: { id: row.id } });
    if (row.shared) await recordAudit(tx, auditOf(opts.actor, "view.delete_shared", row), opts.audit);
  });
}
