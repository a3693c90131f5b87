// Charge status rules. A status only moves forward: pending → a terminal
// status; successful → reversed only when Omise says so. Pure: no I/O.

export const CHARGE_STATUSES = ["pending", "successful", "failed", "expired", "reversed"] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

export function isChargeStatus(value: string): value is ChargeStatus {
  return (CHARGE_STATUSES as readonly string[]).includes(value);
}

/** Statuses a charge may be in for `next` to be applied to it. */
export function allowedPrevious(next: ChargeStatus): ChargeStatus[] {
  switch (next) {
    case "pending":
      return ["pending"];
    case "reversed":
      return ["pending", "successful", "reversed"];
    default:
      return ["pending", next];
  }
}

export function canTransition(from: ChargeStatus, to: ChargeStatus): boolean {
  return allowedPrevious(to).includes(from);
}

/** The status a charge ends in after seeing `incoming`: never backwards. */
export function reduceStatus(current: ChargeStatus, incoming: ChargeStatus): ChargeStatus {
  return canTransition(current, incoming) ? incoming : current;
}
