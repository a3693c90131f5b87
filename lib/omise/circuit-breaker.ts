// Stops calls to Omise while it is failing (≥ 50% failures over ≥ 20 calls in
// 30 s), lets one trial call through after 30 s, and remembers when Omise last
// answered well so staff can be told how old their data is.

export type BreakerState = "closed" | "open" | "half_open";
export type BreakerStatus = { state: BreakerState; openedAt: Date | null; lastSuccessAt: Date | null; retryAt: Date | null };

export type BreakerOptions = { windowMs?: number; minCalls?: number; failureRatio?: number; openMs?: number; now?: () => number };

export class CircuitBreaker {
  private readonly windowMs: number;
  private readonly minCalls: number;
  private readonly failureRatio: number;
  private readonly openMs: number;
  private readonly now: () => number;
  private calls: { at: number; ok: boolean }[] = [];
  private openedAt: number | null = null;
  private trialInFlight = false;
  private lastSuccessAt: number | null = null;

  constructor(o: BreakerOptions = {}) {
    this.windowMs = o.windowMs ?? 30_000;
    this.minCalls = o.minCalls ?? 20;
    this.failureRatio = o.failureRatio ?? 0.5;
    this.openMs = o.openMs ?? 30_000;
    this.now = o.now ?? Date.now;
  }

  /** May a call go out now? In half-open state only one trial call at a time. */
  allow(): boolean {
    const state = this.state();
    if (state === "closed") return true;
    if (state === "open" || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  record(ok: boolean): void {
    const now = this.now();
    if (ok) this.lastSuccessAt = now;
    if (this.openedAt !== null) {
      // The half-open trial decides: close and start afresh, or open again.
      this.trialInFlight = false;
      if (ok) {
        this.openedAt = null;
        this.calls = [];
      } else {
        this.openedAt = now;
      }
      return;
    }
    this.calls.push({ at: now, ok });
    this.calls = this.calls.filter((c) => c.at > now - this.windowMs);
    const failures = this.calls.filter((c) => !c.ok).length;
    if (this.calls.length >= this.minCalls && failures / this.calls.length >= this.failureRatio) this.openedAt = now;
  }

  state(): BreakerState {
    if (this.openedAt === null) return "closed";
    return this.now() - this.openedAt >= this.openMs ? "half_open" : "open";
  }

  status(): BreakerStatus {
    const d = (v: number | null) => (v === null ? null : new Date(v));
    return {
      state: this.state(),
      openedAt: d(this.openedAt),
      lastSuccessAt: d(this.lastSuccessAt),
      retryAt: this.openedAt === null ? null : new Date(this.openedAt + this.openMs),
    };
  }
}
