import http from "node:http";
import { AsyncLocalStorage } from "node:async_hooks";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import type { ApiRoute } from "./api-server";

// The real next-auth (credentials sign-in, JWT cookie, sign-out event) and the app's route
// handlers behind one node:http listener, for tests that sign in the way a browser does.
// Outside a Next server there is no request scope for next/headers, so next-auth's own Pages
// API entry point serves /api/auth/*, and a test mocks `getServerSession` to call the real one
// with this request's cookies (`requestStore`); everything else is the production code path.

export type RequestScope = { headers: Record<string, string>; cookies: Record<string, string> };
export const requestStore = new AsyncLocalStorage<RequestScope>();

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

type NextAuthPages = (req: unknown, res: unknown, options: unknown) => Promise<unknown>;

export async function startAuthServer(routes: ApiRoute[], nextAuth: NextAuthPages, options: () => unknown) {
  const server = http.createServer((req, res) => void serve(req, res).catch((err: unknown) => res.writeHead(500).end(String(err))));
  async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
    const scope: RequestScope = { headers, cookies: parseCookies(headers.cookie) };
    await requestStore.run(scope, async () => {
      if (url.pathname.startsWith("/api/auth/")) return serveNextAuth(url, req, res, raw, scope);
      for (const route of routes) {
        const match = route.path.exec(url.pathname);
        const handler = match && route.module[req.method as "GET" | "POST" | "PATCH"];
        if (!match || !handler) continue;
        const body = raw.length && req.method !== "GET" ? raw : undefined;
        const answer = await handler(new NextRequest(url, { method: req.method, headers: new Headers(headers), body }), { params: Promise.resolve({ ...match.groups }) as Promise<never> });
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
        return;
      }
      res.writeHead(404).end();
    });
  }

  // next-auth's Pages API handler wants Next's req.query/body/cookies and res.status/send/json.
  async function serveNextAuth(url: URL, req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer, scope: RequestScope) {
    const type = req.headers["content-type"] ?? "";
    const body = !raw.length ? {} : type.includes("json") ? JSON.parse(raw.toString()) : Object.fromEntries(new URLSearchParams(raw.toString()));
    const query = { ...Object.fromEntries(url.searchParams), nextauth: url.pathname.slice("/api/auth/".length).split("/") };
    const nreq = Object.assign(req, { query, body, cookies: scope.cookies });
    const nres = Object.assign(res, {
      status(code: number) {
        res.statusCode = code;
        return nres;
      },
      send(b: unknown) {
        if (b !== null && typeof b === "object") return nres.json(b);
        res.end(b === undefined ? undefined : String(b));
      },
      json(b: unknown) {
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify(b));
      },
    });
    await nextAuth(nreq, nres, options());
  }

  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A browser's cookie jar, just enough for one origin. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly userAgent = "vitest-browser",
  ) {}

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(path: string, init: { method?: string; json?: unknown; form?: Record<string, string>; cookie?: string } = {}) {
    const headers: Record<string, string> = { "User-Agent": this.userAgent, Origin: this.base, Cookie: init.cookie ?? this.cookieHeader };
    let body: string | undefined;
    if (init.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(this.base + path, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" });
    this.store(res);
    return res;
  }

  /** next-auth's credentials sign-in, as its `signIn("credentials")` does it. True when a session cookie was set. */
  async signIn(email: string, password: string): Promise<boolean> {
    const { csrfToken } = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await this.fetch("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
    return this.cookies.has("next-auth.session-token");
  }

  async signOut() {
    const { csrfToken } = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    return this.fetch("/api/auth/signout", { form: { csrfToken, json: "true" } });
  }

  get sessionCookie() {
    return `next-auth.session-token=${this.cookies.get("next-auth.session-token") ?? ""}`;
  }
}
