import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ja } from "@/messages/ja";
import { SHELL_NAMESPACES, pickNamespaces } from "@/lib/i18n/client-namespaces";

// Every page sends the browser only some message namespaces (lib/i18n/client-namespaces.ts).
// This walks each page's, layout's and error page's imports, finds the client components it can
// render (a "use client" module and everything it imports), and requires that every namespace
// their source names ("ns.key" in a string, a template or useTranslations("ns")) is sent:
// SHELL_NAMESPACES from the root layout, plus the page's own <PageMessages namespaces={[…]}>.

const ROOT = path.resolve(import.meta.dirname, "../..");
const NAMESPACES = Object.keys(ja);
const EXTENSIONS = [".tsx", ".ts", ".mts", ".js", ".mjs"];

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null; // a package
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(ROOT, from)} imports ${spec}, which does not resolve`);
}

const sources = new Map<string, string>();
const source = (file: string) => {
  if (!sources.has(file)) sources.set(file, readFileSync(file, "utf8"));
  return sources.get(file) as string;
};

function importsOf(file: string): string[] {
  const text = source(file);
  // `import type` and `export type` bring no code to the browser.
  const specs = [...text.replace(/^(?:import|export) type [^;]*;/gm, "").matchAll(/(?:^|[\s;])(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
  return specs.flatMap((s) => {
    const r = s ? resolveImport(file, s) : null;
    return r && /\.(tsx?|mts|m?js)$/.test(r) ? [r] : [];
  });
}

const isClient = (file: string) => /^\s*(?:\/\/[^\n]*\n\s*)*["']use client["']/.test(source(file));

/** The modules `entry` can put in the browser: client modules it reaches, and all they import. */
function clientModulesOf(entry: string): Set<string> {
  const client = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string, inClient: boolean) => {
    const key = `${inClient}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const nowClient = inClient || isClient(file);
    if (nowClient) client.add(file);
    for (const dep of importsOf(file)) walk(dep, nowClient);
  };
  walk(entry, false);
  return client;
}

/** The source without its comments (a comment's example key names nothing). */
const code = (file: string) => source(file).replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/[^\n]*/g, "$1");

function namespacesNamedIn(file: string): Set<string> {
  const text = code(file);
  const found = new Set<string>();
  for (const ns of NAMESPACES) {
    if (new RegExp(`["'\`]${ns}\\.[A-Za-z$]`).test(text) || new RegExp(`useTranslations\\(\\s*["']${ns}["']`).test(text)) found.add(ns);
  }
  return found;
}

function declaredBy(file: string): string[] {
  const m = /<PageMessages\s+namespaces=\{\[([^\]]*)\]\}/.exec(source(file));
  return m ? [...(m[1] ?? "").matchAll(/["']([A-Za-z]+)["']/g)].map((x) => x[1] as string) : [];
}

function entries(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return entries(full);
    return /^(page|layout|error|not-found|loading|global-error)\.tsx$/.test(name) ? [full] : [];
  });
}

describe("the message namespaces sent to the browser", () => {
  const all = entries(path.join(ROOT, "app"));

  it("finds the app's pages and their client components", () => {
    expect(all.length).toBeGreaterThan(20);
    // The walker itself: the list page reaches the live list, which names charges.* keys.
    const list = all.find((f) => f.endsWith(path.join("(dashboard)", "charges", "(lists)", "page.tsx"))) as string;
    const client = clientModulesOf(list);
    expect([...client].some((f) => f.endsWith("live-charge-list.tsx"))).toBe(true);
    expect([...client].flatMap((f) => [...namespacesNamedIn(f)])).toContain("charges");
  });

  it.each(all.map((f) => [path.relative(ROOT, f), f]))("%s sends every namespace its client components name", (_name, file) => {
    const sent = new Set<string>([...SHELL_NAMESPACES, ...declaredBy(file)]);
    const missing: string[] = [];
    for (const mod of clientModulesOf(file)) {
      for (const ns of namespacesNamedIn(mod)) if (!sent.has(ns)) missing.push(`${ns} (named in ${path.relative(ROOT, mod)})`);
    }
    expect(missing, `add these to <PageMessages namespaces={[…]}> in ${path.relative(ROOT, file)} (or to SHELL_NAMESPACES if the shell needs them)`).toEqual([]);
  });

  it("names only namespaces the catalog has", () => {
    for (const file of all) for (const ns of [...declaredBy(file), ...SHELL_NAMESPACES]) expect(NAMESPACES, `${ns} in ${path.relative(ROOT, file)}`).toContain(ns);
  });

  it("picks whole namespaces and nothing else", () => {
    const picked = pickNamespaces(ja, ["nav", "status", "nope"]);
    expect(Object.keys(picked).sort()).toEqual(["nav", "status"]);
    expect(picked.nav).toBe(ja.nav);
  });
});
