import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleWebhookDelivery } from "@/lib/webhooks/handle-delivery";

// The webhook on plain node:http (server.mjs via lib/http/lean-routes.ts). Its own module, with
// only the webhook's imports, so a process that serves just the webhook (tests/instance-server.ts)
// does not load the read APIs and their React-facing translations.

/** The webhook's whole body must arrive within this long of the request's start (Omise sends a few KB at once). */
export const WEBHOOK_BODY_DEADLINE_MS = 10_000;

class BodyDeadline extends Error {}

function readBody(req: IncomingMessage, limit: number, deadline: Promise<never>): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    deadline.catch(reject);
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks, size)));
    req.on("error", reject);
  });
}

/**
 * The webhook on plain node:http: the same delivery rules without Next's per-request machinery.
 * A body still arriving `bodyDeadlineMs` after the request began is cut off: 408, connection closed,
 * nothing stored (a sender trickling bytes cannot hold the connection).
 */
export async function serveWebhook(req: IncomingMessage, res: ServerResponse, opts: { bodyDeadlineMs?: number } = {}): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new BodyDeadline("webhook body deadline"));
    }, opts.bodyDeadlineMs ?? WEBHOOK_BODY_DEADLINE_MS);
  });
  deadline.catch(() => undefined);
  try {
    let answer;
    if (req.method !== "POST") answer = { status: 405, body: { error: "use POST" } };
    else
      answer = await handleWebhookDelivery({
        declaredLength: Number(req.headers["content-length"] ?? 0),
        readBody: (limit) => readBody(req, limit, deadline),
        header: (name) => {
          const v = req.headers[name];
          return Array.isArray(v) ? v.join(",") : (v ?? null);
        },
      });
    if (timedOut && answer.status === 400) {
      sendJson(res, 408, { error: "the request body did not arrive in time" }, { Connection: "close" });
      res.on("finish", () => req.socket.destroy());
      return;
    }
    sendJson(res, answer.status, answer.body, answer.status === 405 ? { Allow: "POST" } : {});
  } finally {
    clearTimeout(timer);
  }
}

export function sendJson(res: ServerResponse, status: number, payload: Record<string, unknown>, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Served-By": "konbini-desk-lean", // e2e checks the production server really answers here
    ...extra,
  });
  res.end(body);
}
