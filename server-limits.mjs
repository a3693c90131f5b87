// Limits of the production listener (server.mjs), kept apart so a test applies the same ones
// (tests/lean-listener.integration.test.ts). Plain JavaScript: server.mjs cannot import TypeScript.
//
// - requestTimeout: the whole request (headers and body) must arrive within 30 s, or Node answers
//   408 and closes the connection; the webhook has a tighter 10 s body deadline of its own
//   (lib/http/lean-routes.ts). Node checks every connectionsCheckingInterval, so ≤ 1 s late.
// - headersTimeout: the headers within 10 s (a slowloris holding many half-sent requests).
// - maxConnections: at most this many open sockets; past it a new connection is closed at once
//   instead of holding memory (each keeps buffers, and argon2 costs 19 MiB per sign-in).
export const SERVER_LIMITS = {
  requestTimeout: 30_000,
  headersTimeout: 10_000,
  connectionsCheckingInterval: 1_000,
  keepAliveTimeout: 5_000,
  maxConnections: 512,
};

/** The options for http.createServer() (Node reads the timeouts there) and the cap to set after. */
export function serverOptions(limits = SERVER_LIMITS) {
  const { requestTimeout, headersTimeout, connectionsCheckingInterval, keepAliveTimeout } = limits;
  return { requestTimeout, headersTimeout, connectionsCheckingInterval, keepAliveTimeout };
}

export function applyConnectionCap(server, limits = SERVER_LIMITS) {
  server.maxConnections = limits.maxConnections;
  return server;
}
