// Rejected deliveries write nothing to the database (they may be forged), so
// this process counts them in memory for the webhook health panel.
const state = { count: 0, last: null as null | { at: string; reason: string } };

export function noteRejection(reason: string): void {
  state.count += 1;
  state.last = { at: new Date().toISOString(), reason };
}

export function rejectionStats(): { count: number; last: { at: string; reason: string } | null } {
  return { count: state.count, last: state.last };
}
