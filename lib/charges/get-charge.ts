import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/types";
import { chargeInclude, toChargeDto, toTimelineDto, type ChargeDetailDto } from "@/lib/charges/dto";

export async function getCharge(opts: { actor: Actor; id: string }): Promise<ChargeDetailDto> {
  const db = await getDb();
  const row = await db.charge.findUnique({
    where: { id: opts.id },
    include: { ...chargeInclude, events: { orderBy: { at: "asc" }, include: { actor: { select: { name: true } } } } },
  });
  if (!row) throw new AppError("not_found", "detail.notFound");
  return { ...toChargeDto(row), timeline: row.events.map(toTimelineDto) };
}
