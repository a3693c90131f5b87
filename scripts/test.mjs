// npm test: unit tests, integration tests (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set), a production build, and the browser tests.
// Ends with one line "N passed, N failed" over every test that ran.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildIfStale, runBin } from "./lib.mjs";

const out = mkdtempSync(path.join(tmpdir(), "kd-test-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function countVitest(file) {
  const r = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}

async function step(name, fn) {
  console.log(`\n=== ${name}`);
  try {
    await fn();
  } catch (err) {
    failures.push(`${name}: ${err instanceof Error ? err.message : err}`);
  }
}

async function vitest(name, project, env = {}) {
  const file = path.join(out, `${name.replace(/\W+/g, "-")}.json`);
  await step(name, async () => {
    try {
      await runBin("vitest", ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], { env });
    } finally {
      try {
        countVitest(file);
      } catch {
        totals.failed += 1; // the run died before reporting
      }
    }
  });
}

await vitest("unit tests", "unit");
await vitest("integration tests on PGlite", "integration", { TEST_DATABASE_URL: "" });
if (process.env.TEST_DATABASE_URL) await vitest("integration tests on PostgreSQL", "integration");
else console.log("\n(TEST_DATABASE_URL is unset: skipping the PostgreSQL integration run)");

await step("production build", () => buildIfStale());
const pwFile = path.join(out, "playwright.json");
await step("browser tests (Playwright, Chromium)", async () => {
  try {
    await runBin("playwright", ["test", "--reporter=list,json"], { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: pwFile } });
  } finally {
    try {
      const s = JSON.parse(readFileSync(pwFile, "utf8")).stats;
      totals.passed += s.expected + s.flaky;
      totals.failed += s.unexpected;
      totals.skipped += s.skipped;
    } catch {
      totals.failed += 1;
    }
  }
});

console.log("");
for (const f of failures) console.log(`FAILED ${f}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length || totals.failed ? 1 : 0);
