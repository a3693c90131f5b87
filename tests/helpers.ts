import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db";
import type { Actor, Role } from "@/lib/auth/types";
import { createAuthSession } from "@/lib/auth/sessions";
import { leanRoutes, serveWebhook } from "@/lib/http/lean-routes";
import { leanRouteFor } from "../lean-dispatch.mjs";

/** A user with a live server-side session `sid` (what a signed-in browser's token names). */
export type TestUser = Actor & { sid: string };

export async function makeUser(role: Role): Promise<TestUser> {
  const db = await getDb();
  const tag = randomBytes(4).toString("hex");
  const u = await db.user.create({ data: { email: `${role}-${tag}@example.jp`, name: `${role} ${tag}`, passwordHash: "x", role } });
  return { id: u.id, email: u.email, name: u.name, role: u.role, sid: await createAuthSession({ userId: u.id }) };
}

/**
 * A phone and email no other charge uses: the duplicate guard (lib/charges/find-duplicates.ts)
 * answers a second pending charge for the same customer and amount with 409.
 */
export function uniqueCustomer(): { customerEmail: string; customerPhone: string } {
  const tag = randomBytes(4).toString("hex");
  return { customerEmail: `c-${tag}@example.jp`, customerPhone: `080${String(Number.parseInt(tag, 16) % 100_000_000).padStart(8, "0")}` };
}

/** POST JSON to the simulator (test helpers and fault controls need no auth). */
export async function sim(simulatorUrl: string, path: string, body: object = {}, key?: string): Promise<Response> {
  return fetch(simulatorUrl + path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { Authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** The real webhook listener (the one server.mjs serves in production) on a port of its own. */
export async function startWebhookReceiver() {
  const statuses: number[] = [];
  const server = http.createServer((req, res) => {
    res.on("finish", () => statuses.push(res.statusCode));
    void serveWebhook(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    statuses,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * server.mjs's lean listener without Next: every lean route (lib/http/lean-routes.ts) dispatched as
 * server.mjs dispatches them; anything else goes to `fallback` (by default 404).
 */
export async function startLeanListener(fallback: http.RequestListener = (_req, res) => void res.writeHead(404).end()) {
  const server = http.createServer((req, res) => {
    const lean = leanRouteFor(leanRoutes, req.method, req.url);
    if (lean) return void lean(req, res);
    fallback(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error("waitFor: timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}
