// npm test: lint, unit tests, integration tests (PGlite, and PostgreSQL:
// TEST_DATABASE_URL, else one answering on 127.0.0.1:5432), a production
// build, the multi-instance test (two built instances behind nginx on PostgreSQL) and the browser tests. Needs nothing but `npm install` first: it
// provides Chromium and a CJK font itself (scripts/ensure-browser.mjs).
// Ends with one line "N passed, N failed" over every test that ran.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { buildIfStale, runBin } from "./lib.mjs";
import { ensureBrowser } from "./ensure-browser.mjs";
import { ensureNginx } from "./ensure-nginx.mjs";

const out = mkdtempSync(path.join(tmpdir(), "kd-test-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const timings = [];

function countVitest(file) {
  const r = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}

async function step(name, fn) {
  console.log(`\n=== ${name}`);
  const started = Date.now();
  try {
    await fn();
  } catch (err) {
    failures.push(`${name}: ${err instanceof Error ? err.message : err}`);
  } finally {
    timings.push([name, (Date.now() - started) / 1000]);
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

/** The PostgreSQL to test on: TEST_DATABASE_URL, else the machine's own if it answers. */
async function findPostgres() {
  const candidates = process.env.TEST_DATABASE_URL ? [[process.env.TEST_DATABASE_URL, "TEST_DATABASE_URL"]] : [["postgresql://root@127.0.0.1:5432/postgres", "found on 127.0.0.1:5432"]];
  for (const [url, how] of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return { url, how };
    } catch (err) {
      if (process.env.TEST_DATABASE_URL) throw new Error(`TEST_DATABASE_URL does not answer (${err instanceof Error ? err.message : err})`);
    } finally {
      await client.end().catch(() => {});
    }
  }
  return undefined;
}

let browserReady = false;
await step("browser and fonts", () => {
  console.log(ensureBrowser());
  browserReady = true;
});
await step("lint (ESLint)", () => runBin("eslint", [".", "--max-warnings=0"]));
await vitest("unit tests", "unit");
await vitest("integration tests on PGlite", "integration", { TEST_DATABASE_URL: "" });
let postgres;
await step("find PostgreSQL", async () => {
  postgres = await findPostgres();
  const where = postgres ? new URL(postgres.url) : undefined;
  console.log(postgres ? `PostgreSQL: ${where.host}${where.pathname} (${postgres.how}); each run creates and drops its own database` : "No PostgreSQL answers on 127.0.0.1:5432 and TEST_DATABASE_URL is unset: skipping the PostgreSQL integration run");
});
if (postgres) await vitest("integration tests on PostgreSQL", "integration", { TEST_DATABASE_URL: postgres.url });

await step("production build", () => buildIfStale());
// Two built instances behind nginx on one PostgreSQL; without one it skips, saying why.
let nginxReady = false;
await step("nginx", () => {
  console.log(`nginx: ${ensureNginx()}`);
  nginxReady = true;
});
if (nginxReady) await vitest("multi-instance test (two instances behind nginx)", "instances", postgres ? { TEST_DATABASE_URL: postgres.url } : {});
const pwFile = path.join(out, "playwright.json");
if (browserReady) {
  await step("browser tests (Playwright, Chromium)", async () => {
    try {
      await runBin("playwright", ["test", "--reporter=list,json"], { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: pwFile, ...(postgres ? { TEST_DATABASE_URL: postgres.url } : {}) } });
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
}

console.log("\nTime per step:");
for (const [name, s] of timings) console.log(`  ${name.padEnd(40)} ${s.toFixed(1).padStart(7)} s`);
console.log(`  ${"total".padEnd(40)} ${timings.reduce((a, [, s]) => a + s, 0).toFixed(1).padStart(7)} s`);
console.log("");
for (const f of failures) console.log(`FAILED ${f}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length || totals.failed ? 1 : 0);
