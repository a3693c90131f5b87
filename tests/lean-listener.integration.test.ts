import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { serveWebhook, WEBHOOK_BODY_DEADLINE_MS } from "@/lib/http/lean-routes";
import { SERVER_LIMITS, applyConnectionCap, serverOptions } from "../server-limits.mjs";

// The production listener's limits (server.mjs + server-limits.mjs + lib/http/lean-routes.ts)
// against real sockets on loopback: a webhook body sent one byte a second is cut at its deadline
// with 408 and the connection closed; any other request still unfinished at requestTimeout gets
// Node's 408; connections past the cap are closed at once. Deadlines are shortened for the test
// (the production values are asserted as numbers); every loop is bounded.

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listen(limits: typeof SERVER_LIMITS, handler: http.RequestListener) {
  const server = applyConnectionCap(http.createServer(serverOptions(limits), handler), limits);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

/** Send headers, then one body byte per `everyMs`, until the server answers or closes. */
function trickle(port: number, path: string, everyMs: number, maxBytes = 60) {
  return new Promise<{ status: number | null; closedAfterMs: number; bytesSent: number }>((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on("connect", () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${maxBytes}\r\n\r\n`);
      timer = setInterval(() => {
        if (sent >= maxBytes - 1 || socket.destroyed) return;
        socket.write("x");
        sent++;
      }, everyMs);
    });
    socket.on("data", (d) => (answer += d.toString()));
    const done = () => {
      clearInterval(timer);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      resolve({ status: m ? Number(m[1]) : null, closedAfterMs: Date.now() - started, bytesSent: sent });
    };
    socket.on("close", done);
    socket.on("error", () => undefined);
  });
}

describe("the lean listener's limits", () => {
  it("production values: webhook body within 10 s, whole request within 30 s, headers within 10 s, a connection cap", () => {
    expect(WEBHOOK_BODY_DEADLINE_MS).toBe(10_000);
    expect(SERVER_LIMITS).toMatchObject({ requestTimeout: 30_000, headersTimeout: 10_000, connectionsCheckingInterval: 1_000 });
    expect(SERVER_LIMITS.maxConnections).toBeGreaterThan(0);
  });

  it("a webhook body sent one byte a second is cut at the deadline: 408, connection closed", async () => {
    const port = await listen(SERVER_LIMITS, (req, res) => void serveWebhook(req, res, { bodyDeadlineMs: 2_000 }));
    const r = await trickle(port, "/api/webhooks/omise", 1_000);
    expect(r.status).toBe(408);
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(1_900);
    expect(r.closedAfterMs).toBeLessThan(4_000);
    expect(r.bytesSent).toBeLessThan(5);
  });

  it("any other route: a request still unfinished at requestTimeout gets Node's 408 and is closed", async () => {
    const limits = { ...SERVER_LIMITS, requestTimeout: 2_000, headersTimeout: 2_000 };
    const port = await listen(limits, (req, res) => {
      req.resume();
      req.on("end", () => res.end("ok"));
    });
    const r = await trickle(port, "/api/charges", 1_000);
    expect(r.status).toBe(408);
    expect(r.closedAfterMs).toBeLessThan(2_000 + 2 * limits.connectionsCheckingInterval + 500);
  });

  it("connections past the cap are closed at once; those under it are served", async () => {
    const limits = { ...SERVER_LIMITS, maxConnections: 3 };
    const port = await listen(limits, (_req, res) => res.end("ok"));
    const held = await Promise.all(
      Array.from({ length: 3 }, () => new Promise<net.Socket>((r) => { const s = net.connect(port, "127.0.0.1", () => r(s)); })),
    );
    await new Promise((r) => setTimeout(r, 100)); // let the server accept them
    const extra = await new Promise<{ answer: string; closed: boolean }>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => s.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
      let answer = "";
      s.on("data", (d) => (answer += d.toString()));
      s.on("close", () => resolve({ answer, closed: true }));
      s.on("error", () => undefined);
      setTimeout(() => resolve({ answer, closed: s.destroyed }), 2_000).unref();
    });
    expect(extra).toEqual({ answer: "", closed: true });
    for (const s of held) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("ok");
  });
});
