import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { DECODED_TOKENS_MAX, parseCookieHeader, sessionClaimsOf, sessionTokenOf } from "./session-token";
import { processSingleton, publishProcessValue } from "@/lib/process-state";
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

  it("remembers a token's decryption, but checks its expiry on every use as jose does (15 s of tolerance)", async () => {
    const secret = "unit-test-secret-0123456789abcdefghijklmnop";
    publishProcessValue("env", parseEnv({ NEXTAUTH_SECRET: secret, OMISE_SECRET_KEY: "skey_test_x", OMISE_WEBHOOK_SECRET: Buffer.from("0123456789abcdef").toString("base64") }));
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const t0 = new Date("2026-12-02T00:00:00.000Z");
      vi.setSystemTime(t0);
      const cookie = `next-auth.session-token=${await encode({ token: { sub: "user_2", sid: "sid_2", sv: 1 }, secret, maxAge: 60 })}`;
      const claims = { id: "user_2", sid: "sid_2", sv: 1 };
      expect(await sessionClaimsOf(cookie)).toEqual(claims);
      const cache = processSingleton("sessionClaims", () => new Map<string, unknown>());
      expect([...cache.keys()].some((k) => k.endsWith(cookie.split("=")[1]!))).toBe(true);
      vi.setSystemTime(t0.getTime() + 74_000); // exp + 14 s: within the tolerance
      expect(await sessionClaimsOf(cookie)).toEqual(claims);
      vi.setSystemTime(t0.getTime() + 75_000); // exp + 15 s: expired, for jose and for the cache
      expect(await sessionClaimsOf(cookie)).toBeNull();
      expect(await sessionClaimsOf(cookie)).toBeNull();
      vi.setSystemTime(t0);
      // Remembered under one secret, refused under another.
      const other = `next-auth.session-token=${await encode({ token: { sub: "user_3", sid: "sid_3" }, secret, maxAge: 60 })}`;
      expect(await sessionClaimsOf(other)).toEqual({ id: "user_3", sid: "sid_3", sv: -1 });
      publishProcessValue("env", parseEnv({ NEXTAUTH_SECRET: `${secret}!`, OMISE_SECRET_KEY: "skey_test_x", OMISE_WEBHOOK_SECRET: Buffer.from("0123456789abcdef").toString("base64") }));
      expect(await sessionClaimsOf(other)).toBeNull();
    } finally {
      vi.useRealTimers();
      publishProcessValue("env", undefined);
    }
  });

  it(`keeps at most ${DECODED_TOKENS_MAX} decrypted tokens, and none that did not decrypt to a session`, async () => {
    const secret = "unit-test-secret-0123456789abcdefghijklmnop";
    publishProcessValue("env", parseEnv({ NEXTAUTH_SECRET: secret, OMISE_SECRET_KEY: "skey_test_x", OMISE_WEBHOOK_SECRET: Buffer.from("0123456789abcdef").toString("base64") }));
    try {
      const cache = processSingleton("sessionClaims", () => new Map<string, unknown>());
      const size = cache.size;
      for (let i = 0; i < 50; i++) expect(await sessionClaimsOf(`next-auth.session-token=garbage${i}`)).toBeNull();
      expect(await sessionClaimsOf(`next-auth.session-token=${await encode({ token: { sub: "user_1" }, secret })}`)).toBeNull();
      expect(cache.size).toBe(size);
      const first = `next-auth.session-token=${await encode({ token: { sub: "u_first", sid: "s_first" }, secret })}`;
      await sessionClaimsOf(first);
      for (let i = 0; i < DECODED_TOKENS_MAX; i++) await sessionClaimsOf(`next-auth.session-token=${await encode({ token: { sub: `u${i}`, sid: `s${i}` }, secret })}`);
      expect(cache.size).toBe(DECODED_TOKENS_MAX);
      expect([...cache.keys()].some((k) => k.endsWith(first.split("=")[1]!))).toBe(false); // the oldest went first
      expect(await sessionClaimsOf(first)).toEqual({ id: "u_first", sid: "s_first", sv: -1 }); // and still decrypts
    } finally {
      publishProcessValue("env", undefined);
    }
  });
});
