import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { WEBHOOK_BODY_DEADLINE_MS, sendJson, serveWebhook } from "@/lib/http/lean-webhook";
import { getHealth } from "@/lib/health/get-health";
import { leanReadRoutes } from "@/lib/http/lean-reads";

/**
 * What server.mjs answers itself, before Next's router: by "METHOD path" (the hot read APIs,
 * lib/http/lean-reads.ts: other methods on their paths go on to Next), or by path for any method.
 */
export const leanRoutes = { "/api/webhooks/omise": serveWebhook, "/api/health": serveHealth, ...leanReadRoutes };

/** GET /api/health on plain node:http: load balancers and monitors poll it often. */
export async function serveHealth(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return sendJson(res, 405, { error: "use GET" }, { Allow: "GET, HEAD" });
  const health = await getHealth();
  sendJson(res, health.status, health.body);
}

export { serveWebhook, WEBHOOK_BODY_DEADLINE_MS };
