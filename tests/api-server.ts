import { Readable, pipeline } from "node:stream";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";

// The app's JSON route handlers (the real modules under app/api) behind a plain
// node:http listener, so integration tests speak HTTP to them without a build.
// Next's router is not here: each entry maps a path pattern to its route module.
// `never`: each module declares its own params shape ({ id } …); the path's named groups supply it.
type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;
export type ApiRoute = { path: RegExp; module: Partial<Record<"GET" | "POST" | "PATCH" | "DELETE", Handler>> };

export async function startApiServer(routes: ApiRoute[]) {
  const server = http.createServer((req, res) => void serve(routes, req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function serve(routes: ApiRoute[], req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  for (const route of routes) {
    const match = route.path.exec(url.pathname);
    const handler = match && route.module[req.method as "GET" | "POST" | "PATCH" | "DELETE"];
    if (!match || !handler) continue;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = chunks.length && req.method !== "GET" ? Buffer.concat(chunks) : undefined;
    const answer = await handler(new NextRequest(url, { method: req.method, headers, body }), { params: Promise.resolve({ ...match.groups }) as Promise<never> });
    // Several Set-Cookie headers (next-auth sets more than one) stay several.
    const cookies = answer.headers.getSetCookie();
    res.writeHead(answer.status, { ...Object.fromEntries(answer.headers), ...(cookies.length ? { "set-cookie": cookies } : {}) });
    // Streamed as Next.js streams it (an export's body is read as the client takes it); a client
    // that goes away cancels the body, which is how a route learns that it left.
    if (!answer.body) return void res.end();
    pipeline(Readable.fromWeb(answer.body as import("node:stream/web").ReadableStream), res, () => undefined);
    return;
  }
  res.writeHead(404).end();
}
