// In-memory model of the Omise objects the simulator serves: sources, konbini charges, events.
// No HTTP here; server.mjs maps requests onto these methods.
import { randomInt } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;
const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE_RE = /^\d{10,11}$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

export const FAILURE_MESSAGES = {
  payment_cancelled: "payment was cancelled by the customer",
  timeout: "payment was not completed before the deadline",
  failed_processing: "payment processing failed",
};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
  toJSON() {
    const anchor = this.code.replace(/_/g, "-");
    return { object: "error", location: `https://www.omise.co/api-errors#${anchor}`, code: this.code, message: this.message };
  }
}

export const badRequest = (reasons) => new ApiError(400, "bad_request", [].concat(reasons).join(", "));
// Omise answers a charge below the minimum amount with invalid_charge rather than bad_request.
const MIN_AMOUNT_REASON = "amount must be at least 150";
const chargeError = (reasons) =>
  reasons.includes(MIN_AMOUNT_REASON) ? new ApiError(400, "invalid_charge", reasons.join(", ")) : badRequest(reasons);
export const notFound = (kind, id) => new ApiError(404, "not_found", `${kind} ${id} was not found`);

export function randomId(prefix) {
  let s = "";
  for (let i = 0; i < 19; i++) s += ALNUM[randomInt(36)];
  return `${prefix}_test_${s}`;
}

const digits = (n) => Array.from({ length: n }, () => randomInt(10)).join("");

// Omise timestamps have second precision and a bare "Z".
export const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

/** Parses an ISO 8601 date or date-time; a date-time without a zone is taken as UTC. Returns ms or NaN. */
export function parseIso(value) {
  if (typeof value !== "string") return NaN;
  const s = value.trim();
  const m = ISO_RE.exec(s);
  if (!m) return NaN;
  const hasTime = s.length > 10;
  return Date.parse(s.replace(" ", "T") + (hasTime && !m[1] ? "Z" : ""));
}

/** 23:59:00 JST on the calendar day (in JST) seven days after `nowMs`. */
export function defaultExpiry(nowMs) {
  const jst = new Date(nowMs + 7 * DAY_MS + JST_OFFSET_MS);
  return Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate(), 23, 59, 0) - JST_OFFSET_MS;
}

const isPlainObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const blank = (v) => v === undefined || v === null || v === "";

function parseAmount(value, reasons) {
  if (blank(value)) return void reasons.push("amount is required");
  const n = typeof value === "number" ? value : /^\s*-?\d+\s*$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) return void reasons.push("amount must be an integer");
  if (n < 150) reasons.push(MIN_AMOUNT_REASON);
  else if (n > 49999) reasons.push("amount must be less than 50000");
  return n;
}

function parseCurrency(value, reasons) {
  if (blank(value)) return void reasons.push("currency is required");
  if (String(value).toLowerCase() !== "jpy") return void reasons.push("currency is currently not supported");
  return "JPY";
}

/** Validates the customer part of an econtext source; returns the normalised fields. */
function parseCustomer(input, reasons) {
  if (blank(input.type)) reasons.push("type is required");
  else if (input.type !== "econtext") reasons.push("type is currently not supported");
  const name = blank(input.name) ? "" : String(input.name);
  if (name.trim() === "") reasons.push("name is required");
  else if ([...name].length > 10) reasons.push("name is too long (maximum is 10 characters)");
  const email = blank(input.email) ? "" : String(input.email).trim();
  if (email === "") reasons.push("email is required");
  else if (!EMAIL_RE.test(email)) reasons.push("email is invalid");
  const phone = blank(input.phone_number) ? "" : String(input.phone_number).trim();
  if (phone === "") reasons.push("phone_number is required");
  else if (!PHONE_RE.test(phone)) reasons.push("phone_number is invalid");
  return { name, email, phone_number: phone };
}

export class Simulator {
  /** @param {{ stateFile?: string, authorizeBase: () => string, onEvent?: (event: object) => void }} opts */
  constructor({ stateFile, authorizeBase, onEvent }) {
    this.stateFile = stateFile || null;
    this.authorizeBase = authorizeBase;
    this.onEvent = onEvent || (() => {});
    this.state = { clock_offset_ms: 0, charges: {}, sources: {}, source_charges: {}, events: [], deliveries: [] };
    if (this.stateFile) {
      mkdirSync(dirname(this.stateFile), { recursive: true });
      if (existsSync(this.stateFile)) Object.assign(this.state, JSON.parse(readFileSync(this.stateFile, "utf8")));
    }
  }

  now() {
    return Date.now() + this.state.clock_offset_ms;
  }

  persist() {
    if (!this.stateFile) return;
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.stateFile);
  }

  reset() {
    Object.assign(this.state, { clock_offset_ms: 0, charges: {}, sources: {}, source_charges: {}, events: [], deliveries: [] });
    this.persist();
  }

  /** Moves the simulated clock, then expires whatever is now overdue. */
  setClock({ advance_seconds: advance, now }) {
    if (!blank(advance)) {
      const secs = Number(advance);
      if (!Number.isFinite(secs)) throw badRequest("advance_seconds is invalid");
      this.state.clock_offset_ms += Math.round(secs * 1000);
    } else if (!blank(now)) {
      const target = parseIso(now);
      if (Number.isNaN(target)) throw badRequest("now is invalid");
      this.state.clock_offset_ms = target - Date.now();
    } else {
      throw badRequest("advance_seconds or now is required");
    }
    this.persist();
    return { now: new Date(this.now()).toISOString(), expired: this.sweep() };
  }

  /** Expires pending charges whose deadline has passed; returns their ids. */
  sweep() {
    const now = this.now();
    const overdue = Object.values(this.state.charges).filter(
      (c) => c.status === "pending" && Date.parse(c.expires_at) <= now,
    );
    for (const charge of overdue) this.#expire(charge);
    return overdue.map((c) => c.id);
  }

  #buildSource(amount, currency, customer) {
    const id = randomId("src");
    const source = {
      object: "source", id, livemode: false, location: `/sources/${id}`, type: "econtext", flow: "offline",
      amount, currency, name: customer.name, email: customer.email, phone_number: customer.phone_number,
      mobile_number: customer.phone_number, charge_status: "unknown", references: null, scannable_code: null,
      created_at: iso(this.now()),
    };
    this.state.sources[id] = source;
    return source;
  }

  createSource(input) {
    const reasons = [];
    const amount = parseAmount(input.amount, reasons);
    const currency = parseCurrency(input.currency, reasons);
    const customer = parseCustomer(input, reasons);
    if (reasons.length) throw badRequest(reasons);
    const source = this.#buildSource(amount, currency, customer);
    this.persist();
    return source;
  }

  getSource(id) {
    const source = this.state.sources[id];
    if (!source) throw notFound("source", id);
    const chargeId = this.state.source_charges[id];
    return chargeId ? this.state.charges[chargeId].source : source;
  }

  #parseExpiresAt(value, now, reasons) {
    if (blank(value)) return defaultExpiry(now);
    const ms = parseIso(value);
    if (Number.isNaN(ms)) reasons.push("expires_at is invalid");
    else if (ms <= now) reasons.push("expires_at must be in the future");
    else if (ms > now + 365 * DAY_MS) reasons.push("expires_at must be within 365 days");
    return ms;
  }

  createCharge(input) {
    const now = this.now();
    const reasons = [];
    const amount = parseAmount(input.amount, reasons);
    const currency = parseCurrency(input.currency, reasons);
    let existing = null;
    let customer = null;
    if (blank(input.source)) reasons.push("source is required");
    else if (typeof input.source === "string") {
      existing = this.state.sources[input.source];
      if (!existing) throw notFound("source", input.source);
      if (this.state.source_charges[existing.id]) reasons.push("source has already been used");
      if (amount !== undefined && amount !== existing.amount) reasons.push("amount does not match source amount");
      if (currency && currency !== existing.currency) reasons.push("currency does not match source currency");
    } else if (isPlainObject(input.source)) customer = parseCustomer(input.source, reasons);
    else reasons.push("source is invalid");
    if (!blank(input.description) && typeof input.description !== "string") reasons.push("description is invalid");
    if (!blank(input.metadata) && !isPlainObject(input.metadata)) reasons.push("metadata is invalid");
    const expiresMs = this.#parseExpiresAt(input.expires_at, now, reasons);
    if (reasons.length) throw chargeError(reasons);

    const id = randomId("chrg");
    const createdAt = iso(now);
    const expiresAt = iso(expiresMs);
    const source = structuredClone(existing ?? this.#buildSource(amount, currency, customer));
    source.charge_status = "pending";
    source.references = {
      expires_at: expiresAt, payment_code: digits(11), va_code: null, barcode: null,
      reference_number_1: digits(12), reference_number_2: digits(8),
    };
    this.state.source_charges[source.id] = id;
    const charge = {
      object: "charge", id, livemode: false, location: `/charges/${id}`, amount, currency,
      description: blank(input.description) ? null : input.description, metadata: input.metadata || {},
      status: "pending", authorized: false, paid: false, paid_at: null,
      expired: false, expires_at: expiresAt, expired_at: null,
      reversed: false, voided: false, refundable: false, refunded_amount: 0,
      refunds: {
        object: "list", data: [], limit: 20, offset: 0, total: 0, order: "chronological",
        location: `/charges/${id}/refunds`, from: "1970-01-01T00:00:00Z", to: createdAt,
      },
      failure_code: null, failure_message: null,
      authorize_uri: `${this.authorizeBase()}/pay/${id}`, return_uri: null,
      source, card: null, customer: null, dispute: null, link: null, schedule: null,
      fee: 0, fee_vat: 0, net: 0, funding_amount: amount, funding_currency: "JPY",
      transaction: null, created_at: createdAt,
    };
    this.state.charges[id] = charge;
    this.#emit("charge.create", charge);
    return charge;
  }

  getCharge(id) {
    const charge = this.state.charges[id];
    if (!charge) throw notFound("charge", id);
    return charge;
  }

  updateCharge(id, input) {
    const charge = this.getCharge(id);
    const reasons = [];
    if (!blank(input.description) && typeof input.description !== "string") reasons.push("description is invalid");
    if (!blank(input.metadata) && !isPlainObject(input.metadata)) reasons.push("metadata is invalid");
    if (reasons.length) throw badRequest(reasons);
    if (input.description !== undefined) charge.description = blank(input.description) ? null : input.description;
    if (input.metadata !== undefined) charge.metadata = input.metadata || {};
    this.#emit("charge.update", charge);
    return charge;
  }

  expireCharge(id) {
    const charge = this.getCharge(id);
    if (charge.status !== "pending") throw new ApiError(400, "failed_expire", "charge is not pending");
    this.#expire(charge, { early: true });
    return charge;
  }

  /**
   * An early expiry (POST /charges/:id/expire) moves the charge's expires_at to the moment of
   * expiry, as real Omise does; source.references.expires_at keeps the original deadline.
   */
  #expire(charge, { early = false } = {}) {
    const at = iso(this.now());
    Object.assign(charge, { status: "expired", expired: true, expired_at: at, ...(early ? { expires_at: at } : {}) });
    charge.source.charge_status = "expired";
    this.#emit("charge.expire", charge);
  }

  #pendingCharge(id) {
    const charge = this.getCharge(id);
    if (charge.status !== "pending") throw badRequest("charge is not pending");
    return charge;
  }

  markAsPaid(id) {
    const charge = this.#pendingCharge(id);
    Object.assign(charge, {
      status: "successful", authorized: true, paid: true, paid_at: iso(this.now()), transaction: randomId("trxn"),
    });
    charge.source.charge_status = "successful";
    this.#emit("charge.complete", charge);
    return charge;
  }

  markAsFailed(id, input = {}) {
    const charge = this.#pendingCharge(id);
    const code = blank(input.failure_code) ? "failed_processing" : String(input.failure_code);
    if (!/^[a-z0-9_]{1,64}$/.test(code)) throw badRequest("failure_code is invalid");
    const message = blank(input.failure_message) ? FAILURE_MESSAGES[code] || "payment failed" : String(input.failure_message);
    Object.assign(charge, { status: "failed", failure_code: code, failure_message: message });
    charge.source.charge_status = "failed";
    this.#emit("charge.complete", charge);
    return charge;
  }

  getEvent(id) {
    const event = this.state.events.find((e) => e.id === id);
    if (!event) throw notFound("event", id);
    return event;
  }

  #emit(key, charge) {
    const id = randomId("evnt");
    const event = {
      object: "event", id, livemode: false, location: `/events/${id}`, key,
      created_at: iso(this.now()), data: structuredClone(charge), webhook_deliveries: [],
    };
    this.state.events.push(event);
    this.persist();
    this.onEvent(event);
    return event;
  }

  /** Records one webhook attempt on its event and in the global debug log. */
  recordDelivery(event, { uri, status, error }) {
    const delivery = {
      object: "webhook_delivery", id: randomId("whdl"), uri, status, key: event.key, error, created_at: iso(this.now()),
    };
    event.webhook_deliveries.push(delivery);
    this.state.deliveries.push({ ...delivery, event_id: event.id });
    this.persist();
  }

  /** Omise list object over `items`, filtered on created_at within [from, to]. */
  list(items, location, query) {
    const now = this.now();
    const from = blank(query.from) ? 0 : parseIso(query.from);
    const to = blank(query.to) ? now : parseIso(query.to);
    const reasons = [];
    if (Number.isNaN(from)) reasons.push("from is invalid");
    if (Number.isNaN(to)) reasons.push("to is invalid");
    if (reasons.length) throw badRequest(reasons);
    const int = (v, dflt) => (Number.isFinite(Number.parseInt(v, 10)) ? Number.parseInt(v, 10) : dflt);
    const offset = Math.max(0, int(query.offset, 0));
    const limit = Math.min(100, Math.max(1, int(query.limit, 20)));
    const order = query.order === "reverse_chronological" ? "reverse_chronological" : "chronological";
    const matching = items
      .filter((item) => {
        const t = Date.parse(item.created_at);
        return t >= from && t <= to;
      })
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    if (order === "reverse_chronological") matching.reverse();
    return {
      object: "list", location, from: iso(from), to: iso(to), offset, limit, total: matching.length, order,
      data: matching.slice(offset, offset + limit),
    };
  }
}
