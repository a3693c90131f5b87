import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { CAN, ROLES, type Role } from "@/lib/auth/types";
import { makeUser, type TestUser } from "./helpers";
import { env, parseEnv } from "@/lib/env";
import { publishProcessValue } from "@/lib/process-state";

// S10: the role × endpoint matrix, GENERATED from the file system: every app/api/**/route.ts and
// each HTTP method it exports, called as anonymous, viewer, staff and admin, straight through
// the route module (no proxy.ts in the way, so no gate lives only in middleware). A route or
// method without an entry in EXPECT below fails, as does an entry for one that is gone. Server
// actions ("use server" files) are enumerated too; there are none today, and one without an
// entry fails. S7 is checked on the same list: every state-changing handler refuses a foreign
// origin even for an admin.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; sv: number; sid: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => (signedIn.user ? { user: signedIn.user } : null) }));

const ROOT = path.resolve(import.meta.dirname, "..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];

/** Who may call it: a list of roles (everyone else signed in gets 403, anonymous 401), or public. */
type Rule =
  | { roles: readonly Role[] }
  | { public: string } // why no session is needed (and how the handler authenticates instead)
  | { public: string; notCalledHere: string }; // a public route this harness cannot call, and where it is tested
// A signed-in user without a second factor, with REQUIRE_2FA on, reaches only these (enrolment;
// sign-out is next-auth's): every other signed-in route answers 403 `2fa_required`.
const ENROLMENT = new Set([
  "GET /api/account/2fa",
  "POST /api/account/2fa",
  "POST /api/account/2fa/confirm",
  "POST /api/account/passkeys",
  "POST /api/account/passkeys/options",
]);
const SIGNED_IN = ROLES;

const EXPECT: Record<string, Rule> = {
  "GET /api/charges": { roles: SIGNED_IN },
  "POST /api/charges": { roles: CAN.createCharge },
  "GET /api/charges/[id]": { roles: SIGNED_IN },
  "POST /api/charges/[id]/expire": { roles: CAN.expireCharge },
  "POST /api/charges/[id]/reissue": { roles: CAN.reissueCharge },
  "POST /api/charges/[id]/sync": { roles: CAN.syncCharge },
  "GET /api/users": { roles: CAN.manageUsers },
  "POST /api/users": { roles: CAN.manageUsers },
  "PATCH /api/users/[id]": { roles: CAN.manageUsers },
  "PATCH /api/charges/[id]": { roles: CAN.setChargeReminders },
  "GET /api/charges/[id]/messages": { roles: SIGNED_IN },
  "POST /api/charges/[id]/messages": { roles: CAN.sendMessage },
  "GET /api/charges/counts": { roles: SIGNED_IN },
  "GET /api/overview": { roles: SIGNED_IN },
  "GET /api/settings": { roles: SIGNED_IN },
  "PATCH /api/settings": { roles: CAN.manageSettings },
  "POST /api/users/[id]/2fa/reset": { roles: CAN.manageUsers },
  "POST /api/users/[id]/password-reset": { roles: CAN.manageUsers },
  "GET /api/audit": { roles: CAN.readAudit },
  "GET /api/charges/[id]/refunds": { roles: SIGNED_IN },
  "POST /api/charges/[id]/refunds": { roles: CAN.createRefund },
  // Staff cancel; marking transferred is checked inside for CAN.transferRefund (tests/refunds.integration.test.ts).
  "PATCH /api/refunds/[id]": { roles: CAN.cancelRefund },
  "POST /api/refunds/[id]/reveal": { roles: CAN.revealRefund },
  // The webhook log (issue 11): admins only, reads too (payloads carry customer data).
  "GET /api/webhooks/events": { roles: CAN.manageWebhooks },
  "GET /api/webhooks/events/[id]": { roles: CAN.manageWebhooks },
  "POST /api/webhooks/events/[id]/process": { roles: CAN.manageWebhooks },
  "POST /api/webhooks/fetch": { roles: CAN.manageWebhooks },
  // Saved views: every role saves its own (viewers read the list too); sharing is checked inside (admins).
  "GET /api/views": { roles: CAN.saveView },
  "POST /api/views": { roles: CAN.saveView },
  "PATCH /api/views/[id]": { roles: CAN.saveView },
  "DELETE /api/views/[id]": { roles: CAN.saveView },
  // Exports: the same readers as the list they export (viewers read the charge list, so they export it too).
  "GET /api/charges/export": { roles: SIGNED_IN },
  "GET /api/audit/export": { roles: CAN.readAudit },
  "GET /api/analytics": { roles: CAN.readAnalytics },
  // One's own account: every signed-in role.
  "GET /api/account/2fa": { roles: SIGNED_IN },
  "POST /api/account/2fa": { roles: SIGNED_IN },
  "POST /api/account/2fa/confirm": { roles: SIGNED_IN },
  "POST /api/account/2fa/disable": { roles: SIGNED_IN },
  "POST /api/account/2fa/recovery-codes": { roles: SIGNED_IN },
  "POST /api/account/passkeys": { roles: SIGNED_IN },
  "POST /api/account/passkeys/options": { roles: SIGNED_IN },
  "DELETE /api/account/passkeys/[id]": { roles: SIGNED_IN },
  "POST /api/account/password": { roles: SIGNED_IN },
  "GET /api/account/sessions": { roles: SIGNED_IN },
  "POST /api/account/sessions/[id]/revoke": { roles: SIGNED_IN },
  "POST /api/account/sessions/revoke-all": { roles: SIGNED_IN },
  "POST /api/passkeys/challenge": { public: "the sign-in page's passkey challenge, before any session; lists no credentials" },
  "GET /api/health": { public: "load balancers poll it; it tells up or down, which instance answered and the background jobs it leads" },
  "POST /api/webhooks/omise": { public: "authenticated by Omise's signature, not a session" },
  "GET /api/auth/[...nextauth]": { public: "next-auth: CSRF token, session, sign-in pages", notCalledHere: "needs Next's request scope; e2e/auth.spec.ts, e2e/security.spec.ts" },
  "POST /api/auth/[...nextauth]": { public: "next-auth: sign-in, sign-out", notCalledHere: "needs Next's request scope; tests/throttle.integration.test.ts, e2e/auth.spec.ts" },
};
/** Server actions, as `<file>#<export>`: none. */
const EXPECT_ACTIONS: Record<string, Rule> = {};

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const routeFiles = walk(path.join(ROOT, "app/api")).filter((f) => f.endsWith("/route.ts"));
const template = (file: string) => "/" + path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");

type Endpoint = { key: string; method: Method; template: string; handler: (req: NextRequest, ctx: { params: Promise<Record<string, unknown>> }) => Promise<Response> };
let endpoints: Endpoint[] = [];
const users = {} as Record<Role, TestUser>;

beforeAll(async () => {
  for (const file of routeFiles) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof mod[method] === "function") endpoints.push({ key: `${method} ${template(file)}`, method, template: template(file), handler: mod[method] as Endpoint["handler"] });
    }
  }
  endpoints = endpoints.sort((a, b) => a.key.localeCompare(b.key));
  for (const role of ROLES) users[role] = await makeUser(role);
});

// Ids nobody has: an allowed role gets past the role check to "not found" (or a validation
// error), and no test data is changed.
const params = (t: string) => Object.fromEntries([...t.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map(([, name]) => [name, name === "nextauth" ? ["session"] : `matrix_missing_${name}`]));

async function call(e: Endpoint, who: Role | "anonymous", origin = "http://localhost:3000") {
  signedIn.user = who === "anonymous" ? null : { id: users[who].id, sv: 0, sid: users[who].sid };
  const url = "http://localhost:3000" + e.template.replace(/\[(?:\.\.\.)?\w+\]/g, (m) => String(params(e.template)[m.replace(/[[\].]/g, "")]));
  const hasBody = !["GET", "HEAD", "OPTIONS"].includes(e.method);
  const req = new NextRequest(url, {
    method: e.method,
    headers: { Origin: origin, "Sec-Fetch-Site": origin === "http://localhost:3000" ? "same-origin" : "cross-site", "Content-Type": "application/json", Host: "localhost:3000" },
    body: hasBody ? "{}" : undefined,
  });
  return e.handler(req, { params: Promise.resolve(params(e.template)) });
}

describe("a signed-in user without a second factor, REQUIRE_2FA on (S12)", () => {
  it("gets 403 2fa_required everywhere but enrolment, whatever the role", async () => {
    const saved = env();
    publishProcessValue("env", parseEnv({ ...process.env, REQUIRE_2FA: "true" }));
    try {
      for (const e of endpoints) {
        const rule = EXPECT[e.key];
        if (!rule || !("roles" in rule)) continue;
        for (const who of ROLES) {
          const res = await call(e, who);
          const code = res.status === 403 ? ((await res.clone().json()) as { error?: { code?: string } }).error?.code : undefined;
          if (ENROLMENT.has(e.key)) expect(code, `${e.key} as ${who} without 2FA`).not.toBe("2fa_required");
          else expect([res.status, code], `${e.key} as ${who} without 2FA`).toEqual([403, "2fa_required"]);
        }
      }
    } finally {
      publishProcessValue("env", saved);
    }
  });

  it("lists only routes that exist", () => {
    for (const key of ENROLMENT) expect(Object.keys(EXPECT), key).toContain(key);
  });
});

describe("role × endpoint matrix (generated from app/api/**/route.ts)", () => {
  it("every route handler and method has an expectation, and every expectation a handler", () => {
    expect(endpoints.length).toBeGreaterThan(0);
    expect(endpoints.map((e) => e.key)).toEqual(Object.keys(EXPECT).sort((a, b) => a.localeCompare(b)));
  });

  it("every server action has an expectation (there are none today)", () => {
    const actions: string[] = [];
    for (const dir of ["app", "components", "lib"]) {
      for (const file of walk(path.join(ROOT, dir)).filter((f) => /\.(ts|tsx)$/.test(f))) {
        const src = readFileSync(file, "utf8");
        if (!/^\s*["']use server["']/m.test(src)) continue;
        for (const [, name] of src.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(\w+)/g)) actions.push(`${path.relative(ROOT, file)}#${name}`);
      }
    }
    expect(actions.sort()).toEqual(Object.keys(EXPECT_ACTIONS).sort());
  });

  const callers = ["anonymous", ...ROLES] as const;
  for (const key of Object.keys(EXPECT)) {
    const rule = EXPECT[key] as Rule;
    if ("roles" in rule) {
      it(`${key}: anonymous 401; ${ROLES.map((r) => `${r} ${rule.roles.includes(r) ? "allowed" : "403"}`).join(", ")}`, async () => {
        const e = endpoints.find((x) => x.key === key);
        expect(e, `${key} has no handler`).toBeTruthy();
        for (const who of callers) {
          const res = await call(e as Endpoint, who);
          const allowed = who !== "anonymous" && rule.roles.includes(who);
          if (who === "anonymous") expect(res.status, `${key} as ${who}`).toBe(401);
          else if (!allowed) expect(res.status, `${key} as ${who}`).toBe(403);
          else {
            // Allowed through the role check: never 401, and a 403 only for a reason that is not the
            // role (re-authentication asked for: `reauth_required` on a password change).
            expect(res.status, `${key} as ${who}`).not.toBe(401);
            if (res.status === 403) {
              const code = ((await res.clone().json()) as { error?: { code?: string } }).error?.code;
              expect(["forbidden", "2fa_required", "forbidden_origin"], `${key} as ${who} answered 403 ${code}`).not.toContain(code);
            }
          }
          if (!allowed) expect(res.status >= 200 && res.status < 300, `${key} as ${who}: 2xx for a caller that must not act`).toBe(false);
          if (who !== "anonymous") expect(res.headers.get("cache-control"), `${key} as ${who}`).toBe("no-store");
        }
      });
    } else if (!("notCalledHere" in rule)) {
      it(`${key}: public (${rule.public}): the same answer whoever calls`, async () => {
        const e = endpoints.find((x) => x.key === key) as Endpoint;
        const statuses = [];
        for (const who of callers) statuses.push((await call(e, who)).status);
        expect(new Set(statuses).size, statuses.join(",")).toBe(1);
      });
    }
  }

  it("S7: every state-changing handler but the webhook and next-auth refuses a foreign origin, even for an admin", async () => {
    const writes = endpoints.filter((e) => !["GET", "HEAD", "OPTIONS"].includes(e.method) && "roles" in (EXPECT[e.key] as Rule));
    expect(writes.length).toBeGreaterThan(0);
    for (const e of writes) {
      for (const origin of ["https://evil.example", "null"]) {
        const res = await call(e, "admin", origin);
        expect(res.status, `${e.key} from ${origin}`).toBe(403);
      }
    }
  });
});
