// Types for server.mjs so TypeScript tests and scripts can import the simulator.
export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** The only accepted secret key; when unset any /^skey_(test_)?[0-9a-zA-Z_]+$/ key is accepted. */
  secretKey?: string;
  /** The public key, accepted for POST /sources only (as Omise.js uses it). Default "pkey_test_konbinidesksim". */
  publicKey?: string;
  /** Where events are POSTed; when unset they are stored only. Changeable via POST /_sim/config. */
  webhookUrl?: string;
  /** Base64 webhook secret; when set, deliveries carry Omise-Signature headers. */
  webhookSecret?: string;
  /** Base URL for charge authorize_uri; defaults to the listening URL. */
  publicUrl?: string;
  /** JSON file to load state from on start and write after every mutation. */
  stateFile?: string;
}

export interface WebhookDelivery {
  object: "webhook_delivery";
  id: string;
  uri: string;
  status: number;
  key: string;
  error: string | null;
  created_at: string;
}

export interface SimulatorEvent {
  object: "event";
  id: string;
  livemode: false;
  location: string;
  key: string;
  created_at: string;
  data: Record<string, unknown>;
  webhook_deliveries: WebhookDelivery[];
}

export interface SimulatorState {
  clock_offset_ms: number;
  charges: Record<string, Record<string, unknown> & { id: string; status: string }>;
  sources: Record<string, Record<string, unknown> & { id: string }>;
  source_charges: Record<string, string>;
  events: SimulatorEvent[];
  deliveries: Array<WebhookDelivery & { event_id: string }>;
}

export type WebhookFaultMode = "normal" | "drop" | "duplicate" | "delay" | "reorder";
export type ApiFaultAction =
  | "error_500"
  | "error_503"
  | "error_429"
  | "invalid_charge"
  | "hang"
  | "reset"
  | "lose_reply"
  | "legacy_status"
  | "unreadable_item";

/** Body of POST /_sim/faults. Every field is optional; the body replaces the whole configuration. */
export interface FaultConfigInput {
  webhooks?: { mode?: WebhookFaultMode; copies?: number; delay_ms?: number } | null;
  api?: Array<{
    /** Case-insensitive; omitted = any method. */
    method?: string | null;
    /** Regular expression tested against the URL pathname; omitted = any path. */
    path?: string | null;
    action: ApiFaultAction;
    /** Fires this many times, then the rule is removed; omitted = unlimited. */
    times?: number | null;
    /** Seconds, for error_429 (default 1) and error_503 (no header unless set). */
    retry_after?: number | null;
    /** 0..1, default 1. */
    probability?: number | null;
  }>;
  /** Seeds the PRNG behind `probability`; omitted = Math.random. */
  seed?: number | null;
}

/** GET/POST/DELETE /_sim/faults answer: the configuration with defaults filled in. */
export interface FaultConfig {
  webhooks: { mode: WebhookFaultMode; copies: number; delay_ms: number };
  api: Array<{
    method: string | null;
    path: string | null;
    action: ApiFaultAction;
    /** Remaining firings; null = unlimited. */
    times: number | null;
    retry_after: number | null;
    probability: number;
  }>;
  seed: number | null;
}

/** GET /_sim/stats answer. */
export interface SimulatorStats {
  /** Omise API requests by "METHOD /route" with ids as ":id", e.g. "GET /charges/:id". */
  requests: Record<string, number>;
  charges_created: number;
  /** API fault rules that fired. */
  faults_fired: number;
}

export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
  readonly state: SimulatorState;
}

export function startSimulator(opts?: SimulatorOptions): Promise<RunningSimulator>;
export function parseForm(raw: string): Record<string, unknown>;
