// Signed webhook delivery with a short retry schedule, shaped like Omise's (see omise-api.md §5).
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";

const RETRY_DELAYS_MS = [1000, 2000, 4000];
const REQUEST_TIMEOUT_MS = 10_000;
const NORMAL = Object.freeze({ mode: "normal", copies: 1, delay_ms: 0 });

/** Lowercase hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the base64-decoded secret. */
export function signWebhook(secretBase64, timestamp, body) {
  return createHmac("sha256", Buffer.from(secretBase64, "base64")).update(`${timestamp}.${body}`).digest("hex");
}

function post(url, body, headers, signal) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== "http:" && target.protocol !== "https:") {
      throw new Error(`unsupported webhook protocol ${target.protocol}`);
    }
    const client = target.protocol === "https:" ? https : http;
    const req = client.request(target, {
      method: "POST",
      agent: false,
      signal,
      timeout: REQUEST_TIMEOUT_MS,
      headers: { ...headers, "Content-Length": Buffer.byteLength(body) },
    });
    req.on("response", (res) => {
      res.on("error", reject);
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.resume();
    });
    req.on("timeout", () => req.destroy(new Error("timeout after 10s")));
    req.on("error", reject);
    req.end(body);
  });
}

export class WebhookDeliverer {
  /**
   * @param {{ secret?: string, getUrl: () => string | null, record: (event: object, attempt: object) => void,
   *   getFaults?: () => { mode: string, copies: number, delay_ms: number }, delaysMs?: number[] }} opts
   */
  constructor({ secret, getUrl, record, getFaults = () => NORMAL, delaysMs = RETRY_DELAYS_MS }) {
    this.secret = secret || null;
    this.getUrl = getUrl;
    this.record = record;
    this.getFaults = getFaults;
    this.delaysMs = delaysMs;
    this.closed = false;
    this.timers = new Set();
    this.aborter = new AbortController();
    /** Deliveries held by the "reorder" fault mode until flush(). */
    this.held = [];
  }

  /**
   * Serialises the event now (the bytes that get signed) and sends it on the next tick, shaped by the
   * webhook fault mode in force now: dropped, sent `copies` times at once, delayed, or held for flush().
   */
  deliver(event) {
    const url = this.getUrl();
    if (!url || this.closed) return;
    const body = JSON.stringify(event);
    const { mode, copies, delay_ms: delayMs } = this.getFaults();
    if (mode === "drop") return this.record(event, { uri: url, status: 0, error: "dropped by fault injection" });
    if (mode === "reorder") return void this.held.push({ event, url, body });
    if (mode === "duplicate") {
      const send = () => {
        const headers = this.#headers(body); // one timestamp, so every copy has the same signature
        return Promise.all(Array.from({ length: copies }, () => this.#attempt(event, url, body, 0, headers)));
      };
      return this.#schedule(send, 0);
    }
    this.#schedule(() => this.#attempt(event, url, body, 0), mode === "delay" ? delayMs : 0);
  }

  heldEventIds() {
    return this.held.map((h) => h.event.id);
  }

  clearHeld() {
    this.held = [];
  }

  /** Sends every held delivery, one after another, in the order `arrange` puts them; returns how many. */
  async flush(arrange) {
    const items = arrange(this.held.splice(0));
    for (const { event, url, body } of items) await this.#attempt(event, url, body, 0);
    return items.length;
  }

  #schedule(fn, delayMs) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      Promise.resolve()
        .then(fn)
        .catch((err) => console.error("[omise-simulator] webhook delivery crashed:", err));
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  #headers(body) {
    const headers = { "Content-Type": "application/json", "User-Agent": "OmiseSimulator/1.0" };
    if (this.secret) {
      // Real time, not the simulated clock: receivers check freshness against their own clock.
      const timestamp = String(Math.floor(Date.now() / 1000));
      headers["Omise-Signature"] = signWebhook(this.secret, timestamp, body);
      headers["Omise-Signature-Timestamp"] = timestamp;
    }
    return headers;
  }

  async #attempt(event, url, body, attempt, headers = this.#headers(body)) {
    if (this.closed) return;
    let status = 0;
    let error = null;
    try {
      status = await post(url, body, headers, this.aborter.signal);
      if (status < 200 || status > 299) error = `endpoint answered HTTP ${status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (this.closed) return;
    this.record(event, { uri: url, status, error });
    if (error && attempt < this.delaysMs.length) {
      this.#schedule(() => this.#attempt(event, url, body, attempt + 1), this.delaysMs[attempt]);
    }
  }

  close() {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.aborter.abort();
  }
}
