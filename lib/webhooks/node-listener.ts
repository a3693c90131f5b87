import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleWebhookDelivery } from "@/lib/webhooks/handle-delivery";

export const WEBHOOK_PATH = "/api/webhooks/omise";

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
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

/** The webhook on plain node:http: the same delivery rules without Next's per-request machinery. */
export async function serveWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let answer;
  if (req.method !== "POST") answer = { status: 405, body: { error: "use POST" } };
  else
    answer = await handleWebhookDelivery({
      declaredLength: Number(req.headers["content-length"] ?? 0),
      readBody: (limit) => readBody(req, limit),
      header: (name) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v.join(",") : (v ?? null);
      },
    }).catch((err: unknown) => {
      console.error("[webhook] could not read the delivery", err);
      return { status: 400, body: { error: "could not read the request body" } };
    });
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...(answer.status === 405 ? { Allow: "POST" } : {}),
  });
  res.end(body);
}
