// Local Omise API simulator for konbini (econtext) charges: `node simulator/server.mjs`.
// Node builtins only. See simulator/README.md for endpoints and environment variables.
import { realpathSync } from "node:fs";
import http from "node:http";
import { pathToFileURL } from "node:url";
import { DEFAULT_PUBLIC_KEY, authorize } from "./auth.mjs";
import { ApiError, Simulator, badRequest } from "./core.mjs";
import { FaultController, faultResponse, parseFaults, parseFlush } from "./faults.mjs";
import { REWRITE_ACTIONS, rewriteAnswer } from "./rewrite.mjs";
import { renderIndex, renderNotFound, renderPayPage } from "./page.mjs";
import { WebhookDeliverer } from "./webhooks.mjs";

const MAX_BODY_BYTES = 1_000_000;
const ROUTE_NOT_FOUND = new ApiError(404, "not_found", "the requested resource was not found");
const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

function sendJson(res, status, payload, headers = {}) {
  const body = JSON.stringify(payload);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(body);
}

function sendHtml(res, status, html) {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(html);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(badRequest("request body is too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Form bodies with bracket keys: source[type]=econtext, metadata[order_id]=1, list[]=a. */
export function parseForm(raw) {
  const out = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    const path = m ? [m[1], ...[...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1])] : [key];
    if (path.some((p) => FORBIDDEN_KEYS.has(p))) continue;
    let node = out;
    for (let i = 0; i < path.length - 1; i++) {
      const wantArray = path[i + 1] === "";
      const cur = node[path[i]];
      if (typeof cur !== "object" || cur === null || Array.isArray(cur) !== wantArray) node[path[i]] = wantArray ? [] : {};
      node = node[path[i]];
    }
    const last = path[path.length - 1];
    if (Array.isArray(node)) node.push(value);
    else node[last] = value;
  }
  return out;
}

function parseBody(raw, contentType = "") {
  if (raw.trim() === "") return {};
  const declaredJson = contentType.includes("json");
  // curl -d sends JSON as form-urlencoded by default, so a body that looks like JSON is tried as JSON first.
  if (!declaredJson && !raw.trimStart().startsWith("{")) return parseForm(raw);
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    if (!declaredJson) return parseForm(raw);
    throw badRequest("request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw badRequest("request body must be a JSON object");
  }
  return parsed;
}

/**
 * Starts the simulator. See server.d.mts for the option and result types.
 * @param {import("./server.d.mts").SimulatorOptions} [opts]
 */
export async function startSimulator(opts = {}) {
  const host = opts.host ?? "127.0.0.1";
  const keys = { secretKey: opts.secretKey, publicKey: opts.publicKey || DEFAULT_PUBLIC_KEY };
  let webhookUrl = opts.webhookUrl || null;
  let publicUrl = "";
  const faults = new FaultController();
  const sim = new Simulator({
    stateFile: opts.stateFile,
    authorizeBase: () => publicUrl,
    onEvent: (event) => {
      faults.noteEvent(event);
      deliverer.deliver(event);
    },
  });
  const deliverer = new WebhookDeliverer({
    secret: opts.webhookSecret,
    getUrl: () => webhookUrl,
    record: (event, attempt) => sim.recordDelivery(event, attempt),
    getFaults: () => faults.webhooks,
  });

  const config = () => ({ webhook_url: webhookUrl, public_url: publicUrl, public_key: keys.publicKey, signed: Boolean(opts.webhookSecret) });

  function simRoute(method, parts, body) {
    const route = `${method} ${parts.join("/")}`;
    switch (route) {
      case "GET health":
        return { status: "ok" };
      case "GET clock":
        return { now: new Date(sim.now()).toISOString() };
      case "POST clock":
        return sim.setClock(body);
      case "GET config":
        return config();
      case "POST config":
        if ("webhook_url" in body) {
          const value = body.webhook_url || null;
          if (value !== null && !URL.canParse(value)) throw badRequest("webhook_url is invalid");
          webhookUrl = value;
        }
        return config();
      case "GET deliveries":
        return { object: "list", data: sim.state.deliveries };
      case "GET faults":
        return faults.config();
      case "POST faults":
        faults.set(parseFaults(body));
        return faults.config();
      case "DELETE faults":
        faults.clear();
        return faults.config();
      case "GET stats":
        return faults.stats();
      case "GET webhooks/held":
        return { object: "list", data: deliverer.heldEventIds() };
      case "POST webhooks/flush":
        return deliverer.flush(parseFlush(body)).then((delivered) => ({ delivered }));
      case "POST reset":
        sim.reset();
        faults.clear();
        faults.resetStats();
        deliverer.clearHeld();
        return { status: "ok" };
      default:
        throw ROUTE_NOT_FOUND;
    }
  }

  function apiRoute(method, parts, body, query) {
    const [resource, id, action, extra] = parts;
    if (extra !== undefined) throw ROUTE_NOT_FOUND;
    if (resource === "sources") {
      if (method === "POST" && id === undefined) return sim.createSource(body);
      if (method === "GET" && id !== undefined && action === undefined) return sim.getSource(id);
    }
    if (resource === "charges") {
      if (id === undefined) {
        if (method === "POST") return sim.createCharge(body);
        if (method === "GET") return sim.list(Object.values(sim.state.charges), "/charges", query);
      } else if (action === undefined) {
        if (method === "GET") return sim.getCharge(id);
        if (method === "PATCH") return sim.updateCharge(id, body);
      } else if (method === "POST") {
        if (action === "expire") return sim.expireCharge(id);
        if (action === "mark_as_paid") return sim.markAsPaid(id);
        if (action === "mark_as_failed") return sim.markAsFailed(id, body);
      }
    }
    if (resource === "events" && method === "GET" && action === undefined) {
      return id === undefined ? sim.list(sim.state.events, "/events", query) : sim.getEvent(id);
    }
    throw ROUTE_NOT_FOUND;
  }

  function payRoute(req, res, parts, body) {
    const [, chargeId, action, extra] = parts;
    const charge = chargeId === undefined ? undefined : sim.state.charges[chargeId];
    if (!charge || extra !== undefined) return sendHtml(res, 404, renderNotFound(chargeId ?? ""));
    if (req.method === "GET" && action === undefined) return sendHtml(res, 200, renderPayPage(charge));
    if (req.method === "POST" && ["pay", "fail", "expire"].includes(action)) {
      // Acting on a charge that is no longer pending just shows its final state again.
      if (charge.status === "pending") {
        if (action === "pay") sim.markAsPaid(chargeId);
        else if (action === "fail") sim.markAsFailed(chargeId, { failure_code: body.failure_code });
        else sim.expireCharge(chargeId);
      }
      res.writeHead(303, { Location: `/pay/${encodeURIComponent(chargeId)}` });
      return res.end();
    }
    return sendHtml(res, 404, renderNotFound(chargeId));
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? "/", "http://simulator.invalid");
    let parts;
    try {
      parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      throw badRequest("path is invalid");
    }
    const method = req.method ?? "GET";
    sim.sweep();
    const raw = await readBody(req);
    const head = parts[0];
    if (head === "favicon.ico") return void res.writeHead(204).end();
    if (head === "_sim") return sendJson(res, 200, await simRoute(method, parts.slice(1), parseBody(raw, req.headers["content-type"])));
    if (head === "pay") return payRoute(req, res, parts, parseBody(raw, req.headers["content-type"]));
    if (head === undefined && method === "GET") {
      const charges = Object.values(sim.state.charges).reverse();
      return sendHtml(res, 200, renderIndex(charges, new Date(sim.now()).toISOString()));
    }
    const perform = () => {
      authorize(req, method, parts, keys);
      const query = Object.fromEntries(url.searchParams);
      return apiRoute(method, parts, parseBody(raw, req.headers["content-type"]), query);
    };
    const fault = faults.onApiRequest(method, url.pathname, parts);
    return fault ? injectFault(fault, req, res, perform) : sendJson(res, 200, perform());
  }

  /** Answers (or pointedly does not answer) an API request that a fault rule fired on. */
  function injectFault(rule, req, res, perform) {
    if (rule.action === "hang") return; // the socket stays open; close() destroys it
    if (rule.action === "reset") return void req.socket.destroy();
    if (rule.action === "lose_reply") {
      try {
        perform();
      } catch (err) {
        if (!(err instanceof ApiError)) console.error("[omise-simulator] internal error:", err);
      }
      return void req.socket.destroy();
    }
    if (REWRITE_ACTIONS.includes(rule.action)) return sendJson(res, 200, rewriteAnswer(rule.action, perform()));
    const { status, headers, error } = faultResponse(rule);
    sendJson(res, status, error, headers);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof ApiError) return sendJson(res, err.status, err);
      console.error("[omise-simulator] internal error:", err);
      sendJson(res, 500, { object: "error", location: null, code: "internal_error", message: "internal server error" });
    });
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  publicUrl = (opts.publicUrl || url).replace(/\/+$/, "");

  const sweeper = setInterval(() => {
    try {
      sim.sweep();
    } catch (err) {
      console.error("[omise-simulator] expiry sweep failed:", err);
    }
  }, 1000);
  sweeper.unref();

  let closing;
  const close = () =>
    (closing ??= new Promise((resolve) => {
      clearInterval(sweeper);
      deliverer.close();
      server.close(() => resolve());
      server.closeAllConnections();
    }));

  return {
    url,
    port,
    close,
    get state() {
      return sim.state;
    },
  };
}

function isMainModule() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMainModule()) {
  const env = process.env;
  const simulator = await startSimulator({
    port: Number(env.OMISE_SIM_PORT || 4010),
    host: env.OMISE_SIM_HOST || "127.0.0.1",
    secretKey: env.OMISE_SECRET_KEY || undefined,
    publicKey: env.OMISE_PUBLIC_KEY || undefined,
    webhookSecret: env.OMISE_WEBHOOK_SECRET || undefined,
    webhookUrl: env.OMISE_SIM_WEBHOOK_URL || undefined,
    publicUrl: env.OMISE_SIM_PUBLIC_URL || undefined,
    stateFile: env.OMISE_SIM_STATE_FILE || undefined,
  });
  console.log(`Omise simulator listening on ${simulator.url}`);
  const stop = () => simulator.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
