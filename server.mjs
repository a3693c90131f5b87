// The production server (`npm start`, the demo, the tests): Next.js behind a
// plain node:http listener that answers Omise's webhooks itself.
//
// Why: a Next.js route handler costs about 1 ms of CPU per request before any
// of our code runs, which held the webhook to ~500 events/s per core. The lean
// listener runs the same handleWebhookDelivery (verify → store → 2xx) without
// that machinery; see docs/reliability.md (W3/W4). instrumentation.ts
// registers it on globalThis, so it shares the app's database pool, Omise
// client and counters. Until it is registered, Next's route handler
// (app/api/webhooks/omise/route.ts) answers, with the same rules.
import { createServer } from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const WEBHOOK_PATH = "/api/webhooks/omise";
const WEBHOOK_HANDLER = Symbol.for("konbini-desk.serveWebhook");

const app = next({ dev: false, dir: import.meta.dirname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  const serveWebhook = globalThis[WEBHOOK_HANDLER];
  if (serveWebhook && req.url?.split("?")[0] === WEBHOOK_PATH) return void serveWebhook(req, res);
  void handle(req, res);
});

server.listen(port, async () => {
  // Next loads instrumentation.ts on its first request; make that request now
  // so the webhook listener and the reconciliation schedule start at once.
  await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
  const lean = globalThis[WEBHOOK_HANDLER] ? "lean webhook listener" : "webhook via Next route";
  console.log(`> Konbini Desk listening on http://localhost:${port} (${lean})`);
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Finish what is in flight (a webhook being stored answers first), then exit.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
