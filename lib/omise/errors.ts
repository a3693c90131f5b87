// The Omise client is created once and kept on globalThis, but Next builds
// each route handler and instrumentation.ts into its own bundle with its own
// copy of these classes. A plain `instanceof` would then miss an error thrown
// by the client another bundle created (a lost reply to a create would look
// like a refusal). So `instanceof` checks a brand shared across copies.
const API_ERROR: unique symbol = Symbol.for("konbini-desk.OmiseApiError");
const TRANSPORT_ERROR: unique symbol = Symbol.for("konbini-desk.OmiseTransportError");
const UNAVAILABLE_ERROR: unique symbol = Symbol.for("konbini-desk.OmiseUnavailableError");
const hasBrand = (value: unknown, brand: symbol): boolean =>
  typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;

/** Omise answered with an error object (or a non-2xx status). */
export class OmiseApiError extends Error {
  static [Symbol.hasInstance](value: unknown): value is OmiseApiError {
    return hasBrand(value, API_ERROR);
  }
  readonly [API_ERROR] = true;

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
  static [Symbol.hasInstance](value: unknown): value is OmiseTransportError {
    return hasBrand(value, TRANSPORT_ERROR);
  }
  readonly [TRANSPORT_ERROR] = true;

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
  static [Symbol.hasInstance](value: unknown): value is OmiseUnavailableError {
    return hasBrand(value, UNAVAILABLE_ERROR);
  }
  readonly [UNAVAILABLE_ERROR] = true;

  constructor(readonly retryAt: Date | null) {
    super("Omise is failing; calls are paused until the circuit breaker lets a trial call through");
    this.name = "OmiseUnavailableError";
  }
}
