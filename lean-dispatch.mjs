// Which lean route (lib/http/lean-routes.ts `leanRoutes`, published by instrumentation.ts) answers
// a request in server.mjs, before Next's router: the one registered for "METHOD path" (the hot read
// APIs answer GET and HEAD; a POST to /api/charges goes on to Next), else the one for the path
// whatever the method (the webhook, the health check), else none. The path is matched exactly, as
// it came: "/api/charges/" or "/api/%63harges" go to Next, which normalises or refuses them.

/** @param {Record<string, Function> | undefined} routes @param {string | undefined} method @param {string | undefined} url */
export function leanRouteFor(routes, method, url) {
  if (!routes) return undefined;
  const path = (url ?? "").split("?")[0] ?? "";
  return routes[`${method} ${path}`] ?? routes[path];
}
