// Fault injection for the simulator: the validated fault configuration (webhook modes, API fault
// rules), a seedable PRNG, and request statistics. server.mjs wires it in; see README.md.
import { ApiError, badRequest } from "./core.mjs";
import { REWRITE_ACTIONS } from "./rewrite.mjs";

export const WEBHOOK_MODES = ["normal", "drop", "duplicate", "delay", "reorder"];
export const API_ACTIONS = [
  "error_500", "error_503", "error_429", "invalid_charge", "hang", "reset", "lose_reply", ...REWRITE_ACTIONS,
];
export const FLUSH_ORDERS = ["reverse", "shuffle"];
const DEFAULT_WEBHOOKS = Object.freeze({ mode: "normal", copies: 2, delay_ms: 1000 });
const MAX_COPIES = 20;
const MAX_DELAY_MS = 600_000;
const MAX_RETRY_AFTER = 86_400;
const RULE_FIELDS = ["method", "path", "action", "times", "retry_after", "probability"];
const ERRORS = {
  error_500: [500, "internal_error", "internal server error (injected fault)"],
  error_503: [503, "service_unavailable", "service unavailable (injected fault)"],
  error_429: [429, "too_many_requests", "too many requests (injected fault)"],
  // What Omise says when its minimum is above the product's (the konbini minimum is unconfirmed).
  invalid_charge: [400, "invalid_charge", "amount must be at least 300 (injected fault)"],
};

/** mulberry32: a small deterministic PRNG returning floats in [0, 1). */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v, min, max) => Number.isSafeInteger(v) && v >= min && v <= max;
const given = (v) => v !== undefined && v !== null;

function unknownFields(obj, allowed, prefix, reasons) {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) reasons.push(`${prefix}${key} is not a known field`);
}

function parseWebhooks(input, reasons) {
  const out = { ...DEFAULT_WEBHOOKS };
  if (!given(input)) return out;
  if (!isObject(input)) {
    reasons.push("webhooks must be an object");
    return out;
  }
  unknownFields(input, ["mode", "copies", "delay_ms"], "webhooks.", reasons);
  if (given(input.mode)) {
    if (WEBHOOK_MODES.includes(input.mode)) out.mode = input.mode;
    else reasons.push(`webhooks.mode must be one of ${WEBHOOK_MODES.join("|")}`);
  }
  if (given(input.copies)) {
    if (isInt(input.copies, 1, MAX_COPIES)) out.copies = input.copies;
    else reasons.push(`webhooks.copies must be an integer from 1 to ${MAX_COPIES}`);
  }
  if (given(input.delay_ms)) {
    if (isInt(input.delay_ms, 0, MAX_DELAY_MS)) out.delay_ms = input.delay_ms;
    else reasons.push(`webhooks.delay_ms must be an integer from 0 to ${MAX_DELAY_MS}`);
  }
  return out;
}

function parseRule(input, at, reasons) {
  if (!isObject(input)) return void reasons.push(`${at} must be an object`);
  unknownFields(input, RULE_FIELDS, `${at}.`, reasons);
  const rule = { method: null, path: null, action: input.action, times: null, retry_after: null, probability: 1, re: null };
  if (given(input.method)) {
    if (typeof input.method === "string" && /^[A-Za-z]+$/.test(input.method)) rule.method = input.method.toUpperCase();
    else reasons.push(`${at}.method must be an HTTP method name`);
  }
  if (given(input.path)) {
    try {
      if (typeof input.path !== "string") throw new Error("not a string");
      rule.re = new RegExp(input.path);
      rule.path = input.path;
    } catch (err) {
      reasons.push(`${at}.path must be a regular expression (${err instanceof Error ? err.message : err})`);
    }
  }
  if (!given(input.action)) reasons.push(`${at}.action is required`);
  else if (!API_ACTIONS.includes(input.action)) reasons.push(`${at}.action must be one of ${API_ACTIONS.join("|")}`);
  if (given(input.times)) {
    if (isInt(input.times, 1, Number.MAX_SAFE_INTEGER)) rule.times = input.times;
    else reasons.push(`${at}.times must be a positive integer`);
  }
  if (given(input.retry_after)) {
    if (input.action !== "error_429" && input.action !== "error_503") {
      reasons.push(`${at}.retry_after only applies to error_429 and error_503`);
    } else if (isInt(input.retry_after, 0, MAX_RETRY_AFTER)) rule.retry_after = input.retry_after;
    else reasons.push(`${at}.retry_after must be an integer from 0 to ${MAX_RETRY_AFTER}`);
  } else if (input.action === "error_429") rule.retry_after = 1;
  if (given(input.probability)) {
    const p = input.probability;
    if (typeof p === "number" && p >= 0 && p <= 1) rule.probability = p;
    else reasons.push(`${at}.probability must be a number from 0 to 1`);
  }
  return rule;
}

/** Validates a whole fault configuration (POST /_sim/faults); throws a 400 ApiError naming every problem. */
export function parseFaults(input) {
  const reasons = [];
  unknownFields(input, ["webhooks", "api", "seed"], "", reasons);
  const webhooks = parseWebhooks(input.webhooks, reasons);
  const api = [];
  if (given(input.api) && !Array.isArray(input.api)) reasons.push("api must be an array of rules");
  else for (const [i, rule] of (input.api ?? []).entries()) api.push(parseRule(rule, `api[${i}]`, reasons));
  let seed = null;
  if (given(input.seed)) {
    if (Number.isSafeInteger(input.seed)) seed = input.seed;
    else reasons.push("seed must be an integer");
  }
  if (reasons.length) throw badRequest(reasons);
  return { webhooks, api, seed };
}

/** Validates a POST /_sim/webhooks/flush body; returns a function that orders the held deliveries. */
export function parseFlush(input) {
  const reasons = [];
  unknownFields(input, ["order", "seed"], "", reasons);
  const order = given(input.order) ? input.order : "reverse";
  if (!FLUSH_ORDERS.includes(order)) reasons.push(`order must be one of ${FLUSH_ORDERS.join("|")}`);
  if (given(input.seed) && !Number.isSafeInteger(input.seed)) reasons.push("seed must be an integer");
  if (reasons.length) throw badRequest(reasons);
  if (order === "reverse") return (items) => items.reverse();
  const random = given(input.seed) ? seededRandom(input.seed) : Math.random;
  return (items) => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };
}

/** The answer an error_* rule gives instead of performing the operation. */
export function faultResponse(rule) {
  const [status, code, message] = ERRORS[rule.action];
  const headers = rule.retry_after === null ? {} : { "Retry-After": String(rule.retry_after) };
  return { status, headers, error: new ApiError(status, code, message) };
}

export class FaultController {
  constructor() {
    this.clear();
    this.resetStats();
  }

  /** Replaces the whole configuration with a parseFaults() result. */
  set({ webhooks, api, seed }) {
    this.webhooks = webhooks;
    this.rules = api;
    this.seed = seed;
    this.random = seed === null ? Math.random : seededRandom(seed);
  }

  clear() {
    this.set({ webhooks: { ...DEFAULT_WEBHOOKS }, api: [], seed: null });
  }

  config() {
    return { webhooks: { ...this.webhooks }, api: this.rules.map(({ re: _re, ...rule }) => rule), seed: this.seed };
  }

  resetStats() {
    this.requests = new Map();
    this.chargesCreated = 0;
    this.faultsFired = 0;
  }

  stats() {
    return { requests: Object.fromEntries(this.requests), charges_created: this.chargesCreated, faults_fired: this.faultsFired };
  }

  noteEvent(event) {
    if (event.key === "charge.create") this.chargesCreated++;
  }

  /**
   * Counts one Omise API request ("GET /charges/:id") and returns the fault rule that fires for it,
   * or null. With no rules configured this is one Map update.
   * @param {string} method @param {string} pathname @param {string[]} parts decoded path segments
   */
  onApiRequest(method, pathname, parts) {
    let key = `${method} /${parts[0] ?? ""}`;
    if (parts.length > 1) key += parts.length > 2 ? `/:id/${parts.slice(2).join("/")}` : "/:id";
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    return this.rules.length === 0 ? null : this.#match(method.toUpperCase(), pathname);
  }

  #match(method, pathname) {
    const index = this.rules.findIndex((r) => (r.method === null || r.method === method) && (r.re === null || r.re.test(pathname)));
    if (index === -1) return null;
    const rule = this.rules[index];
    if (rule.probability < 1 && !(this.random() < rule.probability)) return null;
    if (rule.times !== null && --rule.times === 0) this.rules.splice(index, 1);
    this.faultsFired++;
    return rule;
  }
}
