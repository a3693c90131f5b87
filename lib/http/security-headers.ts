// Response headers for every page (proxy.ts) — pure, so a unit test pins them down (S8).

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy for a page. Scripts run only with this response's nonce (Next puts
 * it on its own scripts when it finds the policy in the request headers); 'strict-dynamic' lets
 * those load the app's chunks. Styles allow 'unsafe-inline': React renders `style="…"`
 * attributes on the server (recharts' SVG, progress bars), which a nonce cannot cover; styles
 * cannot run code, and everything else is 'self' only. `next dev` also needs 'unsafe-eval'
 * (React's dev tooling); a production build never gets it.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

export const HSTS = "max-age=63072000; includeSubDomains";

/** The headers every page answer carries besides the CSP (next.config.js sets them too, for static files). */
export function pageSecurityHeaders(opts: { https: boolean; signedIn: boolean }): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    ...(opts.https ? { "Strict-Transport-Security": HSTS } : {}),
    ...(opts.signedIn ? { "Cache-Control": "no-store" } : {}),
  };
}
