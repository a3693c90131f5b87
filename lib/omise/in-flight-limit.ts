/**
 * At most `max` calls in flight; the rest wait in line. Writes (a staff member
 * creating or expiring a charge) go before queued reads (webhook re-fetches,
 * reconciliation), so a busy background never holds up a person at the phone.
 */
export class InFlightLimit {
  private active = 0;
  private readonly writes: (() => void)[] = [];
  private readonly reads: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error("max must be a positive integer");
  }

  async run<T>(kind: "read" | "write", fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) {
      await new Promise<void>((resolve) => (kind === "write" ? this.writes : this.reads).push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.writes.shift() ?? this.reads.shift();
      if (next) next();
      else this.active -= 1;
    }
  }

  status(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.writes.length + this.reads.length };
  }
}
