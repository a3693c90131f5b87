import { describe, expect, it } from "vitest";
import { HSTS, contentSecurityPolicy, newNonce, pageSecurityHeaders } from "./security-headers";

describe("page security headers (S8)", () => {
  it("a strict nonce CSP: no unsafe-inline or unsafe-eval for scripts in production", () => {
    const csp = contentSecurityPolicy("abc123");
    const directives = Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));
    expect(directives).toEqual({
      "default-src": "'self'",
      "script-src": "'self' 'nonce-abc123' 'strict-dynamic'",
      "style-src": "'self' 'unsafe-inline'",
      "img-src": "'self' data: blob:",
      "font-src": "'self'",
      "connect-src": "'self'",
      "object-src": "'none'",
      "base-uri": "'none'",
      "frame-ancestors": "'none'",
      "form-action": "'self'",
    });
    expect(contentSecurityPolicy("n", { dev: true })).toContain("'unsafe-eval'");
  });

  it("a fresh 128-bit nonce each time", () => {
    const seen = new Set(Array.from({ length: 100 }, newNonce));
    expect(seen.size).toBe(100);
    for (const n of seen) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("HSTS only over https (two years, subdomains); no-store only when signed in", () => {
    expect(pageSecurityHeaders({ https: true, signedIn: false })["Strict-Transport-Security"]).toBe(HSTS);
    expect(HSTS).toBe("max-age=63072000; includeSubDomains");
    expect(pageSecurityHeaders({ https: false, signedIn: true })).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
      "Cache-Control": "no-store",
    });
  });
});
