// The production server (`npm start`, the demo, the tests): Next.js behind a
// plain node:http listener that answers the hot paths itself: Omise's
// webhooks, the health check, and the hot read APIs (GET /api/charges,
// /api/charges/counts, /api/overview: lib/http/lean-reads.ts).
//
// Why: a Next.js route handler costs about 1 ms of CPU per request before any
// of our code runs, which held the webhook to ~500 events/s per core and made
// /api/health slow under load, and the charge list to a twentieth of a bare
// server's throughput. lib/http/lean-routes.ts serves the same code
// (handleWebhookDelivery, getHealth, lib/api/read-answers.ts) without that
// machinery; see docs/reliability.md (W3/W4, F5) and docs/performance.md.
// instrumentation.ts publishes the routes as per-process state
// (lib/process-state.ts, which lists every key), so they share the app's
// database pool, Omise client and counters. Until they are published, Next's
// own route handlers (the same code) answer.
import { createServer } from "node:http";
import { hostname } from "node:os";
import next from "next";
import { applyConnectionCap, serverOptions } from "./server-limits.mjs";
import { leanRouteFor } from "./lean-dispatch.mjs";

const port = Number(process.env.PORT ?? 3000);
// This instance's name (docs/deploy.md): INSTANCE_ID, else host name and process id. Set before
// the app reads its environment, so /api/health and the leadership log lines use the same name.
process.env.INSTANCE_ID ||= `${hostname().replace(/[^\w.:-]/g, "-").slice(0, 80)}-${process.pid}`;
const instanceId = process.env.INSTANCE_ID;
// Keys of lib/process-state.ts (`processKey("leanRoutes")`, `processKey("shutdown")`).
const LEAN_ROUTES = Symbol.for("konbini-desk.leanRoutes");
const SHUTDOWN = Symbol.for("konbini-desk.shutdown");

const app = next({ dev: false, dir: import.meta.dirname, port });
await app.prepare();
const handle = app.getRequestHandler();

// Whole-request deadline, header deadline and a connection cap (server-limits.mjs).
const server = createServer(serverOptions(), (req, res) => {
  // The socket's address, for the audit log and throttling (lib/audit/record.ts); a value
  // the client sent under this name is overwritten, never believed.
  req.headers["x-kd-remote-addr"] = req.socket.remoteAddress ?? "";
  // Which instance answered: behind a load balancer, for operators and the multi-instance test.
  res.setHeader("X-KD-Instance", instanceId);
  const lean = leanRouteFor(globalThis[LEAN_ROUTES], req.method, req.url);
  if (lean) return void lean(req, res);
  void handle(req, res);
});

applyConnectionCap(server);

server.listen(port, async () => {
  // Next loads instrumentation.ts on its first request; make that request now
  // so the lean routes, the database check and the reconciliation start at once.
  await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
  const lean = globalThis[LEAN_ROUTES] ? "webhook, health and the hot read APIs on the lean listener" : "all routes via Next";
  console.log(`> Konbini Desk ${instanceId} listening on http://localhost:${port} (${lean})`);
});

// Stop taking requests, let those in flight finish (a webhook being stored
// answers first), then stop the timers and close the database (lib/shutdown.ts)
// once. If that takes more than 15 s, give up with a failure code.
let exiting;
const exit = () =>
  (exiting ??= Promise.resolve()
    .then(() => globalThis[SHUTDOWN]?.())
    .catch((err) => console.error("[shutdown]", err))
    .then(() => process.exit(0)));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close(() => void exit());
    server.closeIdleConnections();
    setTimeout(() => void exit(), 5_000).unref();
    setTimeout(() => process.exit(1), 15_000).unref();
  });
}
