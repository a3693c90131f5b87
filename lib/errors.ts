import type { z } from "zod";
import type { ChargeDto } from "@/lib/charges/dto";

// Only codes something throws: the API's error table (house style 7).
export const ERROR_STATUS = {
  unauthorized: 401,
  forbidden: 403,
  // The request needs the actor's own password again (field `currentPassword`): missing, or wrong.
  reauth_required: 403,
  reauth_failed: 403,
  // An admin reset this user's password: only changing it (and signing out) works until then.
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  // A likely second charge for the same customer and amount: staff confirm or stop.
  duplicate_suspected: 409,
  unprocessable: 422,
  // Signed in, but REQUIRE_2FA is on and the user has no second factor yet: enrol first.
  "2fa_required": 403,
  // Too many wrong attempts (e.g. second-factor codes); the answer carries Retry-After.
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
  /** With `duplicate_suspected`: the charges the request may repeat, sent to the client as they are. */
  readonly duplicates?: ChargeDto[];
  /** With `rate_limited`: seconds until another attempt is accepted (the Retry-After header). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { cause?: unknown; params?: Params; fields?: Record<string, string[]>; duplicates?: ChargeDto[]; retryAfterSeconds?: number } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.params = opts.params ?? {};
    this.fields = opts.fields;
    this.duplicates = opts.duplicates;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

/** Zod issues → { field: [message key…] } with the first path segment as field. */
export function issuesToFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_");
    (fields[field] ??= []).push(issue.message);
  }
  return fields;
}

/**
 * The one way input is validated: the parsed value, or a 422 naming each bad
 * field with its message keys. Schemas give every field a catalog key.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("unprocessable", "err.validation", { fields: issuesToFields(parsed.error) });
  return parsed.data;
}

/** The one not-found answer, for any record a user asked for by id. */
export const notFound = (): AppError => new AppError("not_found", "err.not_found");
