import { describe, expect, it } from "vitest";
import { HOST_SESSION_COOKIE, sessionCookieName, sessionCookieOptions } from "./cookies";

describe("session cookie options (S6)", () => {
  it("over https: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", () => {
    const opts = sessionCookieOptions("https://desk.example.jp");
    expect(opts?.sessionToken?.name).toBe(HOST_SESSION_COOKIE);
    expect(opts?.sessionToken?.name.startsWith("__Host-")).toBe(true);
    expect(opts?.sessionToken?.options).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure: true });
    expect(opts?.sessionToken?.options).not.toHaveProperty("domain");
    expect(sessionCookieName("https://desk.example.jp/base")).toBe("__Host-next-auth.session-token");
  });

  it("over http (localhost, the demo): next-auth's defaults, a cookie the browser sends back", () => {
    expect(sessionCookieOptions("http://localhost:3000")).toBeUndefined();
    expect(sessionCookieName("http://localhost:3000")).toBe("next-auth.session-token");
  });
});
