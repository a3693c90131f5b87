import type { z } from "zod";
import { OmiseApiError, OmiseTransportError, OmiseUnavailableError } from "@/lib/omise/errors";
import { CircuitBreaker } from "@/lib/omise/circuit-breaker";
import { InFlightLimit } from "@/lib/omise/in-flight-limit";
import {
  omiseChargeSchema,
  omiseErrorSchema,
  omiseEventSchema,
  omiseListSchema,
  omiseSourceSchema,
  type OmiseCharge,
  type OmiseEvent,
  type OmiseSource,
  type SkippedItem,
} from "@/lib/omise/schemas";

// A small typed client over fetch: the only code that speaks HTTP to Omise.
// Reads are retried (bounded, jittered, Retry-After honoured); writes never.
// At most `maxInFlight` requests (default 10, Omise's advice) are open at once
// across everything that shares the client: webhooks, reconciliation, staff.

export const OMISE_VERSION = "2019-05-29";

export type OmiseClientOptions = {
  baseUrl: string;
  secretKey: string;
  readTimeoutMs?: number;
  writeTimeoutMs?: number;
  readRetries?: number;
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  breaker?: CircuitBreaker;
  maxInFlight?: number;
};

export type ListParams = { from?: string; to?: string; offset?: number; limit?: number; order?: "chronological" | "reverse_chronological" };

export type CreateSourceParams = { amount: number; currency: string; name: string; email: string; phoneNumber: string };
export type CreateChargeParams = {
  amount: number;
  currency: string;
  sourceId: string;
  description?: string;
  metadata: Record<string, string>;
  expiresAt: Date;
};

type RequestOptions = { method: "GET" | "POST" | "PATCH"; path: string; query?: object; body?: object };

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Unreadable list items are skipped by the schema; say so, or they vanish unseen. */
function logSkipped<L extends { skipped: SkippedItem[] }>(route: string, list: L): L {
  for (const s of list.skipped) console.warn(`[omise] ${route}: skipped unreadable item #${s.index} (${s.id ?? "no id"}): ${s.problem}`);
  return list;
}

export class OmiseClient {
  private readonly baseUrl: string;
  private readonly auth: string;
  private readonly opts: Required<Omit<OmiseClientOptions, "baseUrl" | "secretKey" | "breaker" | "maxInFlight">>;
  readonly breaker: CircuitBreaker;
  readonly inFlight: InFlightLimit;

  constructor(options: OmiseClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.auth = `Basic ${Buffer.from(`${options.secretKey}:`).toString("base64")}`;
    this.opts = {
      readTimeoutMs: options.readTimeoutMs ?? 10_000,
      writeTimeoutMs: options.writeTimeoutMs ?? 15_000,
      readRetries: options.readRetries ?? 2,
      retryBaseMs: options.retryBaseMs ?? 500,
      sleep: options.sleep ?? defaultSleep,
    };
    this.breaker = options.breaker ?? new CircuitBreaker();
    this.inFlight = new InFlightLimit(options.maxInFlight ?? 10);
  }

  createSource(p: CreateSourceParams): Promise<OmiseSource> {
    const body = { type: "econtext", amount: p.amount, currency: p.currency, name: p.name, email: p.email, phone_number: p.phoneNumber };
    return this.send({ method: "POST", path: "/sources", body }, omiseSourceSchema);
  }

  createCharge(p: CreateChargeParams): Promise<OmiseCharge> {
    const body = {
      amount: p.amount,
      currency: p.currency,
      source: p.sourceId,
      description: p.description,
      metadata: p.metadata,
      expires_at: p.expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    return this.send({ method: "POST", path: "/charges", body }, omiseChargeSchema);
  }

  retrieveCharge(id: string): Promise<OmiseCharge> {
    return this.send({ method: "GET", path: `/charges/${encodeURIComponent(id)}` }, omiseChargeSchema);
  }

  listCharges(params: ListParams = {}) {
    return this.send({ method: "GET", path: "/charges", query: params }, omiseListSchema(omiseChargeSchema)).then((l) => logSkipped("GET /charges", l));
  }

  expireCharge(id: string): Promise<OmiseCharge> {
    return this.send({ method: "POST", path: `/charges/${encodeURIComponent(id)}/expire` }, omiseChargeSchema);
  }

  listEvents(params: ListParams = {}) {
    return this.send({ method: "GET", path: "/events", query: params }, omiseListSchema(omiseEventSchema)).then((l) => logSkipped("GET /events", l));
  }

  retrieveEvent(id: string): Promise<OmiseEvent> {
    return this.send({ method: "GET", path: `/events/${encodeURIComponent(id)}` }, omiseEventSchema);
  }

  private async send<T extends z.ZodType>(req: RequestOptions, schema: T): Promise<z.output<T>> {
    const isRead = req.method === "GET";
    const attempts = isRead ? 1 + this.opts.readRetries : 1;
    for (let attempt = 1; ; attempt++) {
      let sent = false;
      try {
        // The breaker is asked once a slot is held (it may have opened while this
        // call waited), and the timeout starts when the request is sent.
        const result = await this.inFlight.run(isRead ? "read" : "write", () => {
          if (!this.breaker.allow()) throw new OmiseUnavailableError(this.breaker.status().retryAt);
          sent = true;
          return this.once(req, schema, isRead ? this.opts.readTimeoutMs : this.opts.writeTimeoutMs);
        });
        this.breaker.record(true);
        return result;
      } catch (err) {
        if (!sent) throw err; // refused by the breaker: nothing was sent, nothing to record
        // Omise answering 4xx is Omise working; timeouts, resets and 5xx are Omise failing.
        this.breaker.record(!(err instanceof OmiseTransportError || (err instanceof OmiseApiError && err.status >= 500)));
        const retryable =
          err instanceof OmiseTransportError || (err instanceof OmiseApiError && (err.status >= 500 || err.status === 429));
        if (!isRead || !retryable || attempt >= attempts) throw err;
        const retryAfter = err instanceof OmiseApiError ? err.retryAfterMs : undefined;
        const backoff = Math.min(5_000, this.opts.retryBaseMs * 2 ** (attempt - 1));
        await this.opts.sleep(retryAfter ?? backoff / 2 + Math.random() * (backoff / 2));
      }
    }
  }

  private async once<T extends z.ZodType>(req: RequestOptions, schema: T, timeoutMs: number): Promise<z.output<T>> {
    const url = new URL(this.baseUrl + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method: req.method,
        headers: {
          Authorization: this.auth,
          "Omise-Version": OMISE_VERSION,
          Accept: "application/json",
          ...(req.body ? { "Content-Type": "application/json" } : {}),
        },
        body: req.body ? JSON.stringify(req.body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
      });
      text = await res.text();
    } catch (cause) {
      const timeout = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
      throw new OmiseTransportError(
        timeout ? "timeout" : "network",
        `${req.method} ${req.path}: ${timeout ? `no answer within ${timeoutMs} ms` : "connection failed"}`,
        { cause },
      );
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (cause) {
      if (!res.ok) throw this.apiError(res, null);
      throw new OmiseTransportError("bad_response", `${req.method} ${req.path}: response is not JSON`, { cause });
    }
    if (!res.ok || (json as { object?: unknown } | null)?.object === "error") throw this.apiError(res, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new OmiseTransportError("bad_response", `${req.method} ${req.path}: unexpected response shape`, { cause: parsed.error });
    }
    return parsed.data;
  }

  private apiError(res: Response, json: unknown): OmiseApiError {
    const body = omiseErrorSchema.safeParse(json);
    const status = res.ok ? 400 : res.status;
    const seconds = Number(res.headers.get("retry-after"));
    const retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 30) * 1000 : undefined;
    return body.success
      ? new OmiseApiError(status, body.data.code, body.data.message, retryAfterMs)
      : new OmiseApiError(status, `http_${status}`, `Omise answered HTTP ${status}`, retryAfterMs);
  }
}
