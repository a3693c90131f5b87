// next-auth for integration tests, over real HTTP and without Next's request scope: the route
// at /api/auth/* runs next-auth's own core (AuthHandler, the same call its app-router handler
// makes, with the cookies and headers of the request), and getServerSession reads the session
// cookie of the request being served. So sign-in goes through the real credentials `authorize`,
// the real JWT and the real session callbacks.
//
// Use: vi.mock("next-auth", async (orig) => ({ ...(await orig()), ...(await import("./next-auth-http")).nextAuthMock }))
// and wrap every route module with `inRequestScope` (the auth route is `authRoute`).
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import path from "node:path";
import type { NextRequest } from "next/server";
import type { NextAuthOptions } from "next-auth";
import type { ApiRoute } from "./api-server";

type InternalResponse = { status?: number; headers?: { key: string; value: string }[]; body?: unknown; redirect?: string; cookies?: unknown[] };
type Core = { AuthHandler: (params: { req: Record<string, unknown>; options: NextAuthOptions }) => Promise<InternalResponse> };
const load = createRequire(import.meta.url);
const core = load(path.resolve("node_modules/next-auth/core/index.js")) as Core;
const { toResponse } = load(path.resolve("node_modules/next-auth/next/utils.js")) as { toResponse: (r: InternalResponse) => Response };

const scope = new AsyncLocalStorage<NextRequest>();
const cookiesOf = (req: NextRequest) => Object.fromEntries(req.cookies.getAll().map((c) => [c.name, c.value]));

export const nextAuthMock = {
  async getServerSession(options: NextAuthOptions) {
    const req = scope.getStore();
    if (!req) throw new Error("getServerSession outside inRequestScope");
    const r = await core.AuthHandler({
      options: { ...options, providers: [] },
      req: { action: "session", method: "GET", cookies: cookiesOf(req), headers: Object.fromEntries(req.headers) },
    });
    const body = r.body as Record<string, unknown> | undefined;
    return body && typeof body === "object" && Object.keys(body).length ? body : null;
  },
};

/** Runs `fn` as if serving `req` (server components and pages: requirePageUser). */
export const runInRequestScope = <T>(req: NextRequest, fn: () => Promise<T>): Promise<T> => scope.run(req, fn);

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;

/** A route module whose handlers run with the request in scope (for getServerSession). */
export function inRequestScope(path: RegExp, module: Partial<Record<"GET" | "POST" | "PATCH", Handler>>): ApiRoute {
  const wrapped: Partial<Record<"GET" | "POST" | "PATCH", Handler>> = {};
  for (const [method, h] of Object.entries(module) as ["GET" | "POST" | "PATCH", Handler][]) {
    if (typeof h === "function") wrapped[method] = (req, ctx) => scope.run(req, () => h(req, ctx));
  }
  return { path, module: wrapped };
}

/** /api/auth/* through next-auth's core with the app's options (csrf, callback/credentials, session, signout). */
export function authRoute(getOptions: () => NextAuthOptions): ApiRoute {
  const handle: Handler = async (req, ctx) => {
    const nextauth = ((await ctx.params) as { rest?: string }).rest?.split("/") ?? [];
    const query = Object.fromEntries(req.nextUrl.searchParams);
    const body = req.method === "POST" ? Object.fromEntries(new URLSearchParams(await req.text())) : undefined;
    const r = await core.AuthHandler({
      options: getOptions(),
      req: { body, query, cookies: cookiesOf(req), headers: Object.fromEntries(req.headers), method: req.method, action: nextauth[0], providerId: nextauth[1], error: query.error ?? nextauth[1] },
    });
    const res = toResponse(r);
    const location = res.headers.get("Location");
    if (body?.json === "true" && location) {
      res.headers.delete("Location");
      res.headers.set("Content-Type", "application/json");
      return new Response(JSON.stringify({ url: location }), { status: r.status ?? 200, headers: res.headers });
    }
    return res;
  };
  return { path: /^\/api\/auth\/(?<rest>.+)$/, module: { GET: handle, POST: handle } };
}

/** A cookie jar and the calls a browser makes: sign in (csrf + credentials callback), JSON requests. */
export class Browser {
  private readonly jar = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(path: string, init: { method?: string; json?: unknown; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { Cookie: this.cookieHeader(), Origin: this.baseUrl };
    let body: string | undefined;
    if (init.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(this.baseUrl + path, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" });
    this.keep(res);
    return res;
  }

  /** next-auth's credentials sign-in as signIn("credentials", { redirect: false }) does it: null on success, else the error code. */
  async signIn(credentials: Record<string, string>): Promise<string | null> {
    const csrf = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await this.fetch("/api/auth/callback/credentials", { form: { ...credentials, csrfToken: csrf.csrfToken, json: "true", callbackUrl: "/" } });
    const { url } = (await res.json()) as { url: string };
    return new URL(url, this.baseUrl).searchParams.get("error");
  }

  hasSession(): boolean {
    return [...this.jar.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }
}
