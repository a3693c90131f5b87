export const ERROR_STATUS = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  provider_error: 502,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

type Params = Record<string, string | number>;

/**
 * A failure the user should see. `message` is a message-catalog key (or plain
 * text from Omise); the API edge translates it into the user's language.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Params;
  readonly fields?: Record<string, string[]>;

  constructor(code: ErrorCode, message: string, opts: { cause?: unknown; params?: Params; fields?: Record<string, string[]> } = {}) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.params = opts.params ?? {};
    this.fields = opts.fields;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
