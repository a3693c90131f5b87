import { errorBrand } from "@/lib/process-state";

// The Omise client is one per process (lib/process-state.ts), but Next builds
// each route handler and instrumentation.ts into its own bundle with its own
// copy of these classes. A plain `instanceof` would then miss an error thrown
// by the client another bundle created (a lost reply to a create would look
// like a refusal). So `instanceof` checks a brand shared across copies.
const API_ERROR = errorBrand("OmiseApiError");
const TRANSPORT_ERROR = errorBrand("OmiseTransportError");
const UNAVAILABLE_ERROR = errorBrand("OmiseUnavailableError");

/** Omise answered with an error object (or a non-2xx status). */
export class OmiseApiError extends Error {
  static [Symbol.hasInstance](value: unknown): value is OmiseApiError {
    return API_ERROR.is(value);
  }

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "OmiseApiError";
    API_ERROR.mark(this);
  }

  /** 4xx other than 429: Omise looked at the request and refused it. */
  get isRejection(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429;
  }
}

/** No usable answer: timeout, connection refused or reset, unparseable body. */
export class OmiseTransportError extends Error {
  static [Symbol.hasInstance](value: unknown): value is OmiseTransportError {
    return TRANSPORT_ERROR.is(value);
  }

  constructor(
    readonly kind: "timeout" | "network" | "bad_response",
    message: string,
    opts: { cause?: unknown } = {},
  ) {
    super(message, opts);
    this.name = "OmiseTransportError";
    TRANSPORT_ERROR.mark(this);
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
    return UNAVAILABLE_ERROR.is(value);
  }

  constructor(readonly retryAt: Date | null) {
    super("Omise is failing; calls are paused until the circuit breaker lets a trial call through");
    this.name = "OmiseUnavailableError";
    UNAVAILABLE_ERROR.mark(this);
  }
}
