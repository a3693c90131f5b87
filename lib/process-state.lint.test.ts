import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PROCESS_STATE_NAMES } from "@/lib/process-state";

// Per-process state goes through lib/process-state.ts and nowhere else (see
// CONTRIBUTING, "One process, several bundles"): anything else held at module
// level is one copy per Next bundle. This parses every lib/ source with the
// TypeScript compiler and reports what would split: globalThis (or `global`),
// Symbol.for, a module-level `let`/`var`, a module-level instance of a class,
// a static field that can change, and any write through a module-level binding
// (a Map's .set, an object's field, …).
const ROOT = path.resolve(__dirname, "..");
const HELPER = "lib/process-state.ts";
const MUTATORS = new Set(["set", "add", "delete", "clear", "push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin"]);
const VALUE_CLASSES = new Set(["Date", "RegExp", "URL", "TextEncoder", "TextDecoder", "Map", "Set", "WeakMap", "WeakSet"]);

function perBundleState(files: Record<string, string>): string[] {
  const host = ts.createCompilerHost({});
  host.getSourceFile = (name, target) => (name in files ? ts.createSourceFile(name, files[name] ?? "", target, true) : undefined);
  host.fileExists = (name) => name in files;
  const program = ts.createProgram(Object.keys(files), { noResolve: true, noLib: true, types: [] }, host);
  const checker = program.getTypeChecker();
  return Object.keys(files).flatMap((name) => {
    const sf = program.getSourceFile(name);
    return sf ? checkFile(sf, checker) : [];
  });
}

function checkFile(sf: ts.SourceFile, checker: ts.TypeChecker): string[] {
  const found: string[] = [];
  const report = (node: ts.Node, why: string) =>
    found.push(`${sf.fileName}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${why}: ${node.getText().split("\n")[0]}`);
  const moduleBindings = new Set<ts.Symbol>();
  const remember = (name: ts.Node | undefined) => {
    const symbol = name && checker.getSymbolAtLocation(name);
    if (symbol) moduleBindings.add(symbol);
  };

  for (const statement of sf.statements) {
    if (ts.isVariableStatement(statement)) {
      const list = statement.declarationList;
      if (!(list.flags & ts.NodeFlags.Const)) report(statement, "module-level let/var");
      for (const decl of list.declarations) {
        const init = decl.initializer;
        // The shared object itself: writing to it is the point.
        if (init && ts.isCallExpression(init) && init.expression.getText() === "processSingleton") continue;
        if (init && ts.isNewExpression(init) && !VALUE_CLASSES.has(init.expression.getText().split(".")[0] ?? "")) {
          if (!init.expression.getText().startsWith("Intl.")) report(decl, "module-level instance");
        }
        ts.forEachChild(decl.name, function names(n) {
          if (ts.isIdentifier(n)) remember(n);
          else ts.forEachChild(n, names);
        });
        if (ts.isIdentifier(decl.name)) remember(decl.name);
      }
    } else if (ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement)) {
      remember(statement.name);
      if (ts.isClassDeclaration(statement)) {
        for (const m of statement.members) {
          const mods = ts.canHaveModifiers(m) ? (ts.getModifiers(m) ?? []) : [];
          const isStatic = mods.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
          const isReadonly = mods.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword);
          if (ts.isPropertyDeclaration(m) && isStatic && !isReadonly) report(m, "static field");
        }
      }
    } else if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      remember(clause?.name);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) remember(bindings.name);
      if (bindings && ts.isNamedImports(bindings)) bindings.elements.forEach((e) => remember(e.name));
    }
  }

  const rootOf = (e: ts.Expression): ts.Identifier | null => {
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) {
      e = e.expression;
    }
    return ts.isIdentifier(e) ? e : null;
  };
  const rootsAtModule = (e: ts.Expression) => {
    const root = rootOf(e);
    const symbol = root && checker.getSymbolAtLocation(root);
    return Boolean(symbol && moduleBindings.has(symbol));
  };
  // A write through a binding; reassigning the binding itself (a const or an import) does not compile.
  const writesModule = (target: ts.Expression) => !ts.isIdentifier(target) && rootsAtModule(target);

  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && (node.text === "globalThis" || node.text === "global")) {
      const p = node.parent;
      const isName = (ts.isPropertyAccessExpression(p) && p.name === node) || ts.isModuleDeclaration(p) || (ts.isPropertyAssignment(p) && p.name === node);
      if (!isName) report(p, "globalThis");
    }
    if (ts.isCallExpression(node) && node.expression.getText() === "Symbol.for") report(node, "Symbol.for");
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && writesModule(node.left)) {
      report(node, "writes module-level state");
    }
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && [ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(node.operator) && writesModule(node.operand)) {
      report(node, "writes module-level state");
    }
    if (ts.isDeleteExpression(node) && writesModule(node.expression)) report(node, "writes module-level state");
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { name, expression } = node.expression;
      const first = node.arguments[0];
      const target = node.expression.getText() === "Object.assign" ? first : MUTATORS.has(name.text) ? expression : undefined;
      if (target && rootsAtModule(target)) report(node, "writes module-level state");
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const check = (text: string) => perBundleState({ "x.ts": text }).map((f) => f.replace(/^x\.ts:\d+: /, ""));

describe("per-process state lives only in lib/process-state.ts", () => {
  it("finds each way a module can hold per-bundle state", () => {
    expect(check("const g = globalThis as unknown as { n?: number };")).toEqual([expect.stringMatching(/^globalThis/)]);
    expect(check("export function f() { (global as any).x = 1; }")).toEqual([expect.stringMatching(/^globalThis/)]);
    expect(check("let cached: string | undefined;")).toEqual([expect.stringMatching(/^module-level let\/var/)]);
    expect(check("export var n = 0;")).toEqual([expect.stringMatching(/^module-level let\/var/)]);
    expect(check("const K = Symbol.for('konbini-desk.x');")).toEqual([expect.stringMatching(/^Symbol\.for/)]);
    expect(check("const limiter = new Limiter(4);")).toEqual([expect.stringMatching(/^module-level instance/)]);
    expect(check("class C { static count = 0; }")).toEqual([expect.stringMatching(/^static field/)]);
    expect(check("const cache = new Map<string, number>();\nexport const put = (k: string) => cache.set(k, 1);")).toEqual([expect.stringMatching(/^writes module-level state: cache\.set/)]);
    expect(check("const s = { n: 0, seen: [] as string[] };\nexport function f(id: string) { s.n++; s.seen.push(id); s['n'] = 2; delete s.seen; }")).toHaveLength(4);
    expect(check("import { counters } from './c';\nexport const f = () => { counters.n += 1; Object.assign(counters, {}); };")).toHaveLength(2);
  });

  it("leaves alone what is one per process or not state at all", () => {
    const fine = [
      "const s = processSingleton('db', () => ({ n: 0 }));\nexport const f = () => { s.n += 1; };",
      "export function f() { let a = 0; const m = new Map(); m.set(1, 2); a++; return a; }",
      "const cache = new Map<number, number>();\nexport function f(cache: Map<number, number>) { cache.set(1, 2); }", // a parameter shadows it
      "const SKIP = new Set(['a']);\nconst now = new Date(0);\nexport const f = (x: string) => SKIP.has(x) && now;",
      "export class C { static readonly MAX = 3; private n = 0; bump() { this.n++; } }",
      "declare global { interface Window { x: number } }\nexport const y = { globalThis: 1 }.globalThis;",
    ];
    for (const text of fine) expect(check(text), text).toEqual([]);
  });

  it("holds for every source file in lib/ and instrumentation.ts", () => {
    const files = [...sources(path.join(ROOT, "lib")), path.join(ROOT, "instrumentation.ts")]
      .map((f) => path.relative(ROOT, f))
      .filter((f) => f !== HELPER);
    expect(files.length).toBeGreaterThan(50);
    const found = perBundleState(Object.fromEntries(files.map((f) => [f, readFileSync(path.join(ROOT, f), "utf8")])));
    expect(found).toEqual([]);
  });

  it("server.mjs reads only keys that lib/process-state.ts lists", () => {
    const keys = [...readFileSync(path.join(ROOT, "server.mjs"), "utf8").matchAll(/Symbol\.for\("konbini-desk\.(\w+)"\)/g)].map((m) => m[1]);
    expect(keys.sort()).toEqual(["leanRoutes", "shutdown"]);
    for (const key of keys) expect(PROCESS_STATE_NAMES).toContain(key);
  });
});
