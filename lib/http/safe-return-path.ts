// Where to send someone after signing in: only a path on this app's own origin. `from` comes
// from the address bar (`/login?from=…`), so it is resolved against a placeholder origin the
// way a browser would resolve it (`/\evil.example` and `//evil.example` both leave the origin,
// `javascript:` and `https://…` are other schemes/origins) and refused unless it stays there.
// Pure and shared by proxy.ts, the login page and the login form.

const BASE = "http://konbini-desk.invalid";

export function safeReturnPath(from: string | null | undefined, fallback = "/"): string {
  if (typeof from !== "string" || from.length === 0 || from.length > 2048) return fallback;
  // Only a path: it must start with one "/" and nothing a URL parser turns into an authority.
  if (!from.startsWith("/") || from.startsWith("//") || from.startsWith("/\\")) return fallback;
  // Control characters (tabs and newlines are stripped by URL parsers) and backslashes anywhere.
  if (/[\u0000-\u001f\u007f\\]/.test(from)) return fallback;
  let url: URL;
  try {
    url = new URL(from, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // Decoded once more, an encoded "/" or "\" right after the first slash could make a later
  // layer (a proxy, another redirect) read it as an authority: refuse those as well.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (decoded.startsWith("//") || decoded.startsWith("/\\") || /[\\\u0000-\u001f]/.test(decoded)) return fallback;
  return url.pathname + url.search + url.hash;
}
