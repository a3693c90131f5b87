import { z } from "zod";
import { processSingleton } from "./process-state";

// The one place that reads process.env for the app. Parsed once; a bad value
// fails at start with a message naming the variable and what to fix.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optional(
      z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL, or unset for the embedded database"),
    ),
    PGLITE_DIR: z.string().default("./data/pglite"),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 random characters (openssl rand -base64 32)"),
    NEXTAUTH_URL: z.url("must be the app's public URL, e.g. http://localhost:3000").default("http://localhost:3000"),
    OMISE_SECRET_KEY: z
      .string()
      .regex(/^skey_(test_)?[0-9a-zA-Z_]+$/, "must be an Omise secret key (skey_test_… or skey_…)"),
    OMISE_API_URL: z.url("must be a URL such as https://api.omise.co").default("https://api.omise.co"),
    OMISE_WEBHOOK_SECRET: z
      .string()
      .min(1)
      .refine((v) => Buffer.from(v, "base64").length >= 16, "must be the base64 webhook secret from the Omise dashboard"),
    ADMIN_EMAIL: optional(z.email("must be an email address")),
    ADMIN_PASSWORD: optional(z.string().min(12, "must be at least 12 characters")),
    DEMO_SEED: optional(z.enum(["0", "1"])),
    // How often the server reconciles with Omise; 0 turns the built-in schedule off.
    RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
    // A charge export on PostgreSQL: rows the server writes itself while the export's worker process
    // starts (lib/charges/export-charges.ts); the worker writes the rest. 0: the worker writes them all.
    EXPORT_SERVER_ROWS: z.coerce.number({ error: "must be a whole number of rows (0 = the worker writes every row)" }).int().min(0).default(20_000),
    // How often the server looks for reminders to queue (lib/messages/reminders.ts); 0 turns it off.
    REMINDER_INTERVAL_SECONDS: z.coerce.number({ error: "must be a whole number of seconds (0 = off)" }).int().min(0).default(300),
    // Omise calls a reconciliation pass may start per second (≤ 10 are in flight at once).
    RECONCILE_MAX_CALLS_PER_SECOND: z.coerce.number().min(0).default(1),
    // How long a create whose answer was lost stays "unknown" before, with no charge
    // found at Omise carrying its reference, it counts as not created.
    UNKNOWN_ATTEMPT_GRACE_SECONDS: z.coerce.number().int().min(0).default(120),
    // First backoff before retrying a failed read from Omise (doubles, with jitter, up to 5 s).
    OMISE_RETRY_BASE_MS: z.coerce.number().int().min(0).max(10_000).default(500),
    // Two-factor sign-in is mandatory: a signed-in user without a second factor reaches only the
    // enrolment page (/account/security) and sign-out. The demo and the test servers set it false.
    REQUIRE_2FA: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .enum(["true", "false", "1", "0"], "must be true or false")
        .default("true")
        .transform((v) => v === "true" || v === "1"),
    ),
    // The hot reads' named prepared statements on PostgreSQL (lib/db.ts readRows): parsed and
    // planned once per connection instead of on every request. Set false behind a pooler that
    // hands one client's statements to other server connections (PgBouncer in transaction mode
    // before 1.21, or without max_prepared_statements).
    DATABASE_PREPARED_STATEMENTS: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .enum(["true", "false", "1", "0"], "must be true or false")
        .default("true")
        .transform((v) => v === "true" || v === "1"),
    ),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // Mail to customers (lib/messages): unset = the demo, messages are captured, not sent.
    SMTP_URL: optional(z.string().regex(/^smtps?:\/\/[^/\s]+/, "must be an smtp:// or smtps:// URL (smtp://user:pass@host:587), or unset to capture mail")),
    MAIL_FROM: optional(z.email("must be the sender's email address, e.g. shop@example.jp")),
    MERCHANT_NAME: z.string().trim().min(1, "must be the shop's name as customers know it").max(100, "must be at most 100 characters").default("Konbini Desk デモ店"),
    // How often the server's sender looks for queued messages; 0 turns it off.
    OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(5),
    // Sessions (S4): a signed-in browser is signed out after this many minutes without a request
    // (at most 15) and this many hours after signing in, however active (at most 8).
    SESSION_IDLE_MINUTES: z.coerce
      .number("must be a whole number of minutes")
      .int("must be a whole number of minutes")
      .min(1, "must be at least 1 minute")
      .max(15, "must be at most 15 minutes: a console holding a live secret key may not stay open longer unattended")
      .default(15),
    SESSION_MAX_HOURS: z.coerce
      .number("must be a whole number of hours")
      .int("must be a whole number of hours")
      .min(1, "must be at least 1 hour")
      .max(8, "must be at most 8 hours: signing in again at least once a working day is the limit")
      .default(8),
    // This instance's name in the X-KD-Instance header, /api/health and the leadership log lines
    // (docs/deploy.md); unset = host name and process id, which server.mjs sets at start.
    INSTANCE_ID: optional(z.string().trim().regex(/^[\w.:-]{1,100}$/, "must be 1–100 letters, digits, '.', ':', '_' or '-'")),
    // Several instances on one PostgreSQL: how often an instance that does not lead a background job
    // tries to take it over, and the leader checks that its lock's connection is alive (docs/deploy.md).
    LEADERSHIP_RETRY_SECONDS: z.coerce.number("must be a whole number of seconds").int("must be a whole number of seconds").min(1, "must be at least 1 second").max(60, "must be at most 60 seconds").default(5),
    // Refunds (lib/refunds): AES-256-GCM key for customers' bank details at rest. Unset: refunds
    // cannot be recorded (the charge page says so); existing ones stay listed, masked.
    REFUND_DATA_KEY: optional(
      z
        .string()
        .refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, "base64").length === 32, "must be 32 random bytes in base64 (openssl rand -base64 32), or unset to turn refunds off"),
    ),
    // Behind a reverse proxy that sets X-Forwarded-For / X-Forwarded-Host (and overwrites what
    // clients send): believe them for the client address (audit log, throttling) and the origin check.
    TRUST_PROXY: optional(z.enum(["0", "1", "false", "true"], "must be 1 (or true) behind a reverse proxy, 0 (or unset) otherwise"))
      .transform((v) => v === "1" || v === "true"),
  })
  .refine((e) => Boolean(e.ADMIN_EMAIL) === Boolean(e.ADMIN_PASSWORD), {
    message: "set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither",
    path: ["ADMIN_PASSWORD"],
  })
  .refine((e) => !e.SMTP_URL || Boolean(e.MAIL_FROM), {
    message: "is required when SMTP_URL is set: the address customers' mail comes from",
    path: ["MAIL_FROM"],
  });

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
  }
  return result.data;
}

export function env(): Env {
  return processSingleton("env", () => parseEnv(process.env));
}
