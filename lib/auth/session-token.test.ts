import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { parseCookieHeader, sessionClaimsOf, sessionTokenOf } from "./session-token";
import { publishProcessValue } from "@/lib/process-state";
import { parseEnv } from "@/lib/env";

// The lean listener reads the session cookie itself (lib/auth/session-token.ts); it must read
// exactly what Next's request cookies and next-auth's SessionStore read for getServerSession.
const load = createRequire(import.meta.url);
const { RequestCookies } = load(path.resolve("node_modules/next/dist/compiled/@edge-runtime/cookies/index.js")) as {
  RequestCookies: new (h: Headers) => { getAll(): { name: string; value: string }[] };
};
const { SessionStore } = load(path.resolve("node_modules/next-auth/core/lib/cookie.js")) as {
  SessionStore: new (option: { name: string; options: object }, req: { cookies: Record<string, string> }, logger: object) => { value: string };
};

const HEADERS = [
  "",
  "a=1",
  "a=1; b=2;c=3",
  "a=1;  b=%E3%81%82",
  "flag; a=x=y",
  "a=1; a=2",
  "bad=%E0%A4%A; ok=1",
  "next-auth.session-token=abc; next-auth.session-token.1=DEF; next-auth.session-token.0=xyz",
  "next-auth.session-token.1=two; next-auth.session-token.0=one",
  "__Host-next-auth.session-token=h; next-auth.session-token=p",
  ";;a=;b",
];

describe("reading the session cookie as Next and next-auth do", () => {
  it("parses a Cookie header exactly as Next's request cookies", () => {
    for (const h of HEADERS) {
      const next = Object.fromEntries(new RequestCookies(new Headers(h ? { cookie: h } : {})).getAll().map((c) => [c.name, c.value]));
      expect(Object.fromEntries(parseCookieHeader(h)), h).toEqual(next);
    }
  });

  it("joins the session token's chunks as next-auth's SessionStore does", () => {
    for (const h of HEADERS) {
      for (const name of ["next-auth.session-token", "__Host-next-auth.session-token"]) {
        const cookies = Object.fromEntries(parseCookieHeader(h));
        const store = new SessionStore({ name, options: {} }, { cookies }, console);
        expect(sessionTokenOf(parseCookieHeader(h), name), `${h} / ${name}`).toBe(store.value);
      }
    }
  });

  it("decodes next-auth's own JWT into the session callback's claims; anything else is no session", async () => {
    const secret = "unit-test-secret-0123456789abcdefghijklmnop";
    publishProcessValue("env", parseEnv({ NEXTAUTH_SECRET: secret, OMISE_SECRET_KEY: "skey_test_x", OMISE_WEBHOOK_SECRET: Buffer.from("0123456789abcdef").toString("base64") }));
    try {
      const token = await encode({ token: { sub: "user_1", sid: "sid_1", sv: 3, role: "staff" }, secret });
      expect(await sessionClaimsOf(`next-auth.session-token=${token}`)).toEqual({ id: "user_1", sid: "sid_1", sv: 3 });
      // Split into chunks as next-auth splits a large cookie.
      const half = Math.floor(token.length / 2);
      expect(await sessionClaimsOf(`next-auth.session-token.1=${token.slice(half)}; next-auth.session-token.0=${token.slice(0, half)}`)).toEqual({ id: "user_1", sid: "sid_1", sv: 3 });
      const noSv = await encode({ token: { sub: "user_1", sid: "sid_1" }, secret });
      expect(await sessionClaimsOf(`next-auth.session-token=${noSv}`)).toEqual({ id: "user_1", sid: "sid_1", sv: -1 });
      expect(await sessionClaimsOf(undefined)).toBeNull();
      expect(await sessionClaimsOf(`__Host-next-auth.session-token=${token}`)).toBeNull(); // over http the plain name only
      expect(await sessionClaimsOf(`next-auth.session-token=${await encode({ token: { sub: "user_1", sid: "sid_1" }, secret: `${secret}!` })}`)).toBeNull();
      expect(await sessionClaimsOf(`next-auth.session-token=${await encode({ token: { sub: "user_1" }, secret })}`)).toBeNull();
      expect(await sessionClaimsOf(`next-auth.session-token=${await encode({ token: { sub: "user_1", sid: "s" }, secret, maxAge: -60 })}`)).toBeNull();
      expect(await sessionClaimsOf("next-auth.session-token=garbage")).toBeNull();
    } finally {
      publishProcessValue("env", undefined);
    }
  });
});
