// Which message namespaces go to the browser. The whole catalog is about 52 KB of JSON per
// language; sent on every page in the RSC payload it cost a signed-in page about 10 ms of server
// CPU (serialising it twice: the payload and the HTML it is embedded in) and the browser as much
// again to parse (docs/performance.md). So the root layout sends only what the shell's client
// components use (SHELL_NAMESPACES), and each page wraps itself in <PageMessages namespaces={…}>
// (components/i18n/page-messages.tsx) with what its own client components use.
// lib/i18n/client-namespaces.test.ts walks every page's imports and fails when a client
// component could reach a namespace the page does not send; the browser tests fail on the
// "[i18n]" console error a missing message would log.

/** What the client components outside any page use: the header, the error page, the sign-out. */
export const SHELL_NAMESPACES = ["app", "nav", "common", "pageError", "role"] as const;

/** `messages` with only the named top-level namespaces (those it has). */
export function pickNamespaces<M extends Record<string, unknown>>(messages: M, namespaces: readonly string[]): M {
  const picked: Record<string, unknown> = {};
  for (const ns of namespaces) if (ns in messages) picked[ns] = messages[ns];
  return picked as M;
}
