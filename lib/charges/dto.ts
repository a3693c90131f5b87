import type { ReminderPlan } from "@/lib/messages/reminder-due";
import type { Charge, ChargeEvent, User } from "@/lib/generated/prisma/client";
import { isChargeStatus, type ChargeStatus } from "@/lib/charges/status";
import type { MessageDto } from "@/lib/messages/dto";

// What leaves the server: never a raw row.
export type ChargeDto = {
  id: string;
  reference: string;
  status: ChargeStatus;
  amount: number;
  currency: string;
  customerName: string;
  customerEmail: string;
  customerPhone: string;
  description: string | null;
  authorizeUri: string | null;
  paymentCode: string | null;
  expiresAt: string | null;
  paidAt: string | null;
  expiredAt: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: string;
  createdBy: { id: string; name: string; email: string };
  lastSyncedAt: string | null;
  reissuedFromId: string | null;
  reissuedToId: string | null;
  remindersEnabled: boolean;
  // Sum of transferred refunds (lib/refunds); 0 when none.
  refundedAmount: number;
};

/**
 * What a row of the charge list shows, and all the list page sends for its first rows (a full
 * ChargeDto is about 2.5× the bytes, serialised into the page twice). The polling API's ChargeDto
 * is a superset, so the list takes either.
 */
export type ChargeListRow = Pick<ChargeDto, "id" | "status" | "amount" | "refundedAmount" | "customerName" | "customerPhone" | "expiresAt" | "createdAt"> & {
  createdBy: Pick<ChargeDto["createdBy"], "name">;
};

export const toChargeListRow = (c: ChargeDto): ChargeListRow => ({
  id: c.id,
  status: c.status,
  amount: c.amount,
  refundedAmount: c.refundedAmount,
  customerName: c.customerName,
  customerPhone: c.customerPhone,
  expiresAt: c.expiresAt,
  createdAt: c.createdAt,
  createdBy: { name: c.createdBy.name },
});

export type TimelineEntryDto = {
  id: string;
  kind: string;
  source: string;
  fromStatus: string | null;
  toStatus: string | null;
  detail: string | null;
  actorName: string | null;
  at: string;
};

// messages: the emails to the customer (lib/messages), oldest first; reminder: the day-before reminder's plan.
export type ChargeDetailDto = ChargeDto & { timeline: TimelineEntryDto[]; messages: MessageDto[]; reminder: ReminderPlan };

// A Date from Prisma, or the ISO string already (lib/db.ts readRows { isoTimestamps }).
const iso = (d: Date | string | null) => (d === null ? null : typeof d === "string" ? d : d.toISOString());

/** The columns of "Charge" a ChargeDto is made of (lib/charges/list-charges.ts reads only these). */
export const CHARGE_DTO_COLUMNS = [
  "id", "reference", "status", "amount", "currency", "customerName", "customerEmail", "customerPhone", "description",
  "authorizeUri", "paymentCode", "expiresAt", "paidAt", "expiredAt", "failureCode", "failureMessage", "createdAt",
  "lastSyncedAt", "reissuedFromId", "reissuedToId", "remindersEnabled", "refundedAmount",
] as const satisfies readonly (keyof Charge)[];

export type ChargeDtoRow = Pick<Charge, (typeof CHARGE_DTO_COLUMNS)[number]> & { createdBy: Pick<User, "id" | "name" | "email"> };

/** A ChargeDtoRow without its creator, its timestamps as Dates or as ISO strings already. */
export type ChargeDtoFields = {
  [K in Exclude<keyof ChargeDtoRow, "createdBy">]: ChargeDtoRow[K] extends Date ? Date | string : ChargeDtoRow[K] extends Date | null ? Date | string | null : ChargeDtoRow[K];
};

export function toChargeDto(row: ChargeDtoRow): ChargeDto {
  return chargeDtoOf(row, row.createdBy);
}

/** toChargeDto of a row read apart from its creator (one statement's columns: lib/charges/page-rows.ts). */
export function chargeDtoOf(row: ChargeDtoFields, createdBy: ChargeDtoRow["createdBy"]): ChargeDto {
  return {
    id: row.id,
    reference: row.reference,
    status: isChargeStatus(row.status) ? row.status : "pending",
    amount: row.amount,
    currency: row.currency,
    customerName: row.customerName,
    customerEmail: row.customerEmail,
    customerPhone: row.customerPhone,
    description: row.description,
    authorizeUri: row.authorizeUri,
    paymentCode: row.paymentCode,
    expiresAt: iso(row.expiresAt),
    paidAt: iso(row.paidAt),
    expiredAt: iso(row.expiredAt),
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    createdAt: iso(row.createdAt)!,
    createdBy: { id: createdBy.id, name: createdBy.name, email: createdBy.email },
    lastSyncedAt: iso(row.lastSyncedAt),
    reissuedFromId: row.reissuedFromId,
    reissuedToId: row.reissuedToId,
    remindersEnabled: row.remindersEnabled,
    refundedAmount: row.refundedAmount,
  };
}

export function toTimelineDto(row: ChargeEvent & { actor: Pick<User, "name"> | null }): TimelineEntryDto {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    detail: row.detail,
    actorName: row.actor?.name ?? null,
    at: row.at.toISOString(),
  };
}

export const chargeInclude = { createdBy: { select: { id: true, name: true, email: true } } } as const;
