import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { notFound, parseInput } from "@/lib/errors";
import { toMessageDto, type MessageDto } from "@/lib/messages/dto";

/** One charge's messages, oldest first. Any signed-in role may read; the caller checked the session. */
export async function listChargeMessages(opts: { chargeId: string }): Promise<MessageDto[]> {
  const db = await getDb();
  const charge = await db.charge.findUnique({ where: { id: opts.chargeId }, select: { id: true } });
  if (!charge) throw notFound();
  const rows = await db.outboundMessage.findMany({ where: { chargeId: charge.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 100 });
  return rows.map(toMessageDto);
}

// Keyset cursor over (createdAt desc, id desc), as the charge list.
const encode = (c: { createdAt: Date; id: string }) => Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString("base64url");
function decode(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id, ...rest] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  if (rest.length || !id || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at) return null;
  return { createdAt, id };
}

export const outboxQuery = z.object({
  cursor: z
    .string()
    .max(200, "v.cursor.invalid")
    .optional()
    .transform((c, ctx) => {
      if (c === undefined) return undefined;
      const d = decode(c);
      if (!d) ctx.addIssue({ code: "custom", message: "v.cursor.invalid" });
      return d ?? undefined;
    }),
});

/** The outbox page: the latest messages, newest first, keyset-paginated. */
export async function listOutbox(opts: { query: unknown; limit?: number }): Promise<{ items: MessageDto[]; nextCursor: string | null }> {
  const { cursor } = parseInput(outboxQuery, opts.query ?? {});
  const limit = opts.limit ?? 20;
  const db = await getDb();
  const rows = await db.outboundMessage.findMany({
    where: cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toMessageDto), nextCursor: rows.length > limit && last ? encode(last) : null };
}
