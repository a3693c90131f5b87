// Signed webhook delivery with a short retry schedule, shaped like Omise's (see omise-api.md §5).
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";

const RETRY_DELAYS_MS = [1000, 2000, 4000];
const REQUEST_TIMEOUT_MS = 10_000;

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
   *   delaysMs?: number[] }} opts
   */
  constructor({ secret, getUrl, record, delaysMs = RETRY_DELAYS_MS }) {
    this.secret = secret || null;
    this.getUrl = getUrl;
    this.record = record;
    this.delaysMs = delaysMs;
    this.closed = false;
    this.timers = new Set();
    this.aborter = new AbortController();
  }

  /** Serialises the event now (the bytes that get signed) and sends it on the next tick. */
  deliver(event) {
    const url = this.getUrl();
    if (!url || this.closed) return;
    const body = JSON.stringify(event);
    this.#schedule(() => this.#attempt(event, url, body, 0), 0);
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

  async #attempt(event, url, body, attempt) {
    if (this.closed) return;
    const headers = { "Content-Type": "application/json", "User-Agent": "OmiseSimulator/1.0" };
    if (this.secret) {
      // Real time, not the simulated clock: receivers check freshness against their own clock.
      const timestamp = String(Math.floor(Date.now() / 1000));
      headers["Omise-Signature"] = signWebhook(this.secret, timestamp, body);
      headers["Omise-Signature-Timestamp"] = timestamp;
    }
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
