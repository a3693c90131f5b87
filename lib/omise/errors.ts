/** Omise answered with an error object (or a non-2xx status). */
export class OmiseApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "OmiseApiError";
  }

  /** 4xx other than 429: Omise looked at the request and refused it. */
  get isRejection(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429;
  }
}

/** No usable answer: timeout, connection refused or reset, unparseable body. */
export class OmiseTransportError extends Error {
  constructor(
    readonly kind: "timeout" | "network" | "bad_response",
    message: string,
    opts: { cause?: unknown } = {},
  ) {
    super(message, opts);
    this.name = "OmiseTransportError";
  }
}

/** True when a request may have reached Omise and been acted on. */
export function isAmbiguous(err: unknown): boolean {
  if (err instanceof OmiseTransportError) return true;
  return err instanceof OmiseApiError && err.status >= 500;
}

/** The circuit breaker is open: no request was sent, so nothing happened at Omise. */
export class OmiseUnavailableError extends Error {
  constructor(readonly retryAt: Date | null) {
    super("Omise is failing; calls are paused until the circuit breaker lets a trial call through");
    this.name = "OmiseUnavailableError";
  }
}
