import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// W2: signatures are compared only with crypto.timingSafeEqual. This is the
// targets document's lint ("grep -R 'signature.*===' returns nothing") as a
// test, over every source file that could handle a signature.
const ROOT = path.resolve(__dirname, "..", "..");
const SOURCES = ["app", "lib", "simulator", "scripts", "server.mjs"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function files(p: string): string[] {
  if (statSync(p).isFile()) return [p];
  return readdirSync(p, { withFileTypes: true })
    .filter((e) => !SKIP.has(e.name))
    .flatMap((e) => files(path.join(p, e.name)));
}

function plainSignatureComparisons(text: string): string[] {
  return text.split("\n").filter((line) => /signature.*[!=]==?|[!=]==?.*signature/i.test(line));
}

describe("W2: no signature is compared with == or ===", () => {
  it("finds the pattern it is looking for", () => {
    expect(plainSignatureComparisons('if (expected === signature) return true;')).toHaveLength(1);
    expect(plainSignatureComparisons("if (sigs.some((s) => s == computedSignature)) ok();")).toHaveLength(1);
    expect(plainSignatureComparisons("return timingSafeEqual(a, b);")).toHaveLength(0);
  });

  it("holds for every source file outside the tests", () => {
    const sources = SOURCES.map((p) => path.join(ROOT, p))
      .flatMap(files)
      .filter((f) => /\.(ts|tsx|mjs|js)$/.test(f) && !/\.test\.(ts|tsx|mjs)$/.test(f));
    expect(sources.length).toBeGreaterThan(50);
    const hits = sources.flatMap((f) => plainSignatureComparisons(readFileSync(f, "utf8")).map((line) => `${path.relative(ROOT, f)}: ${line.trim()}`));
    expect(hits).toEqual([]);
  });
});
