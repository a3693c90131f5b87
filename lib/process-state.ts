// Per-process state, in one place. Next builds each route handler and
// instrumentation.ts into its own bundle, each with its own copy of every lib/
// module, and server.mjs (plain Node, no bundle) talks to the instrumentation
// bundle. A module-level `let`, Map or instance is therefore one per bundle, not
// one per process. Whatever must be one per process is kept on globalThis under
// `Symbol.for("konbini-desk.<name>")`, and only through this module
// (process-state.lint.test.ts fails on any other globalThis access or module-level
// `let`/`var` in lib/).

/**
 * Every name in use, so keys cannot collide or drift. server.mjs reads
 * `leanRoutes` and `shutdown` by the same key (it cannot import TypeScript);
 * the test checks its keys against this list.
 */
export const PROCESS_STATE_NAMES = [
  "db", // lib/db.ts: the Prisma client (a promise) and the embedded database to close
  "env", // lib/env.ts: the parsed environment
  "authOptions", // lib/auth/options.ts: next-auth's options, built on first use
  "sessionTokenKeys", // lib/auth/jwt-codec.ts: the session token's key derived from NEXTAUTH_SECRET, per secret and salt
  "sessionClaims", // lib/auth/session-token.ts: the claims of session tokens already decrypted (bounded), times checked on each use
  "dummyPasswordHash", // lib/auth/password.ts: hash verified against for unknown emails
  "commonPasswords", // lib/auth/password-policy.ts: the bundled common-passwords list, as a Set
  "passwordMetrics", // lib/auth/password.ts: how many password hashes were verified (S3 tests)
  "throttle", // lib/auth/throttle.ts: the sign-in / TOTP / enrolment rate limiters
  "omise", // lib/omise/index.ts: the Omise client with its breaker and in-flight limit
  "databaseMonitor", // lib/health/database-monitor.ts: background database check
  "webhookStoreFailures", // lib/webhooks/handle-delivery.ts: rate-limited failure log
  "webhookRejections", // lib/webhooks/rejections.ts: rejected deliveries counter
  "webhookQueue", // lib/webhooks/processing-queue.ts: the processing queue
  "reminderLock", // lib/reconcile/with-lock.ts: the embedded database's lock for the reminder scan (lib/messages/reminders.ts)
  "reminderSchedule", // lib/messages/reminder-schedule.ts: the reminder scan's interval timer
  "reconcileSchedule", // lib/reconcile/schedule.ts: the interval timer
  "reconcileLock", // lib/reconcile/with-lock.ts: the embedded database's in-process lock
  "messageSender", // lib/messages/sender.ts: the outbox sender's timer and run flag
  "leadership", // lib/instances/leadership.ts: which background jobs this instance leads, its lock connection and beat
  "quickMessages", // lib/i18n/quick-translator.ts: compiled messages and the short date format, per language (also in the browser)
  "searchCommonWords", // lib/charges/search-common-words-load.ts: the words the search leaves out of its index lookup, as last learned
  "preparedStatements", // lib/db.ts: the names of the hot reads' prepared statements, by statement text (bounded)
  "leanRoutes", // instrumentation.ts → server.mjs: the routes it serves itself
  "shutdown", // instrumentation.ts → server.mjs: its shutdown step
] as const;
export type ProcessStateName = (typeof PROCESS_STATE_NAMES)[number];

/** Error classes that cross bundles; their brand is `Symbol.for("konbini-desk.<name>")`. */
export const ERROR_BRAND_NAMES = ["OmiseApiError", "OmiseTransportError", "OmiseUnavailableError"] as const;
export type ErrorBrandName = (typeof ERROR_BRAND_NAMES)[number];

export const processKey = (name: ProcessStateName | ErrorBrandName): symbol => Symbol.for(`konbini-desk.${name}`);

const shared = globalThis as unknown as Record<symbol, unknown>;

/**
 * The one value named `name` in this process, made by `create` the first time
 * any bundle asks. For state that changes, return an object and mutate its
 * fields: the object is shared, a reassigned local would not be.
 */
export function processSingleton<T>(name: ProcessStateName, create: () => T): T {
  const key = processKey(name);
  if (shared[key] === undefined) shared[key] = create();
  return shared[key] as T;
}

/** Publish a value under `name` for code outside the bundles (server.mjs); tests replace or drop (undefined) one. */
export function publishProcessValue(name: ProcessStateName, value: unknown): void {
  shared[processKey(name)] = value;
}

/**
 * A brand for an error class that crosses bundles: `instanceof` against another
 * bundle's copy of the class fails, so the class marks its instances in its
 * constructor and answers `instanceof` with `is` (see lib/omise/errors.ts).
 */
export function errorBrand(name: ErrorBrandName): { mark(err: Error): void; is(value: unknown): boolean } {
  const key = processKey(name);
  return {
    mark: (err) => void Object.defineProperty(err, key, { value: true }),
    is: (value) => typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[key] === true,
  };
}
