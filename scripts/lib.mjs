// Helpers shared by the demo, start and test scripts.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

/** Run a command to completion; reject with its exit code. */
export function run(cmd, args, { env = {}, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`))));
  });
}

export const runBin = (name, args, opts) => run(bin(name), args, opts);

/**
 * Start the built app (server.mjs: Next.js plus the lean webhook listener) on
 * `port`. `cpu` pins it to that core with taskset (benchmarks only).
 */
export function spawnServer({ port, env = {}, stdio = ["ignore", "inherit", "inherit"], cpu }) {
  const node = [process.execPath, path.join(ROOT, "server.mjs")];
  const [cmd, ...args] = cpu === undefined ? node : ["taskset", "-c", String(cpu), ...node];
  return spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio });
}

/** Seed the first admin (and demo data with --demo) before the server opens the database. */
export const seed = (env, demo = false) =>
  run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts", ...(demo ? ["--demo"] : [])], { env });

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Build unless .next holds a build newer than every source file. */
export async function buildIfStale(env = {}) {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const sources = ["app", "components", "lib", "i18n", "messages", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json"].map((p) => path.join(ROOT, p));
  const newest = Math.max(...sources.filter(existsSync).map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)));
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newest) return false;
  console.log("Building the app (next build)…");
  await runBin("next", ["build"], { env });
  return true;
}

export async function waitForUrl(url, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {}
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * For the drill and the benchmark: migrate the database at `databaseUrl` and
 * start the built app on `port` with the test secrets. Returns the child process.
 */
export async function startBuiltApp({ port, databaseUrl, omiseUrl, secrets, cpu, env: extra = {} }) {
  const env = {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: secrets.nextauth,
    OMISE_SECRET_KEY: secrets.omiseKey,
    OMISE_API_URL: omiseUrl,
    OMISE_WEBHOOK_SECRET: secrets.webhook,
    RECONCILE_INTERVAL_SECONDS: "0",
    NODE_ENV: "production",
    ...extra,
  };
  await migrateDeploy(env);
  const app = spawnServer({ port, env, stdio: "ignore", cpu });
  await waitForUrl(`http://127.0.0.1:${port}/api/health`);
  return app;
}

const MIGRATE_WARN_MS = 60_000;
const MIGRATE_GIVE_UP_MS = 10 * 60_000;

/**
 * `prisma migrate deploy`, run to its own end: the CLI closes the embedded
 * database itself (prisma.config.ts) and exits. It is never killed, since it
 * holds the database; if it is unusually slow we say so, and after 10 minutes
 * ask it to stop (SIGTERM: it closes PGlite after the statement in flight) and fail.
 */
export function migrateDeploy(env, { quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(bin("prisma"), ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    let gaveUp = false;
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (!quiet) process.stdout.write(chunk);
    });
    const slow = setInterval(() => {
      const s = Math.round((Date.now() - started) / 1000);
      if (Date.now() - started < MIGRATE_GIVE_UP_MS) return console.warn(`  prisma migrate deploy is still running after ${s} s (pid ${child.pid}); waiting, it holds the database.`);
      gaveUp = true;
      clearInterval(slow); // one SIGTERM only: a second would end it mid-close
      child.kill("SIGTERM");
    }, MIGRATE_WARN_MS);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearInterval(slow);
      if (code === 0 && !gaveUp) return resolve();
      const why = gaveUp ? `did not finish within ${MIGRATE_GIVE_UP_MS / 60_000} minutes and was asked to stop` : `failed (${signal ?? `exit ${code}`})`;
      reject(new Error(`prisma migrate deploy ${why}:\n${out.slice(-2000)}`));
    });
  });
}

/**
 * Sign in through next-auth's credentials flow over HTTP (csrf, then the callback), as the
 * login form does; returns the Cookie header. Throws unless `checkPath` then answers 200.
 */
export async function signInOverHttp({ baseUrl, email, password, checkPath = "/api/charges?limit=1" }) {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(), Origin: new URL(baseUrl).origin },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(res);
  const check = await fetch(`${baseUrl}${checkPath}`, { headers: { Cookie: cookieHeader() } });
  if (check.status !== 200) throw new Error(`signing in failed: ${checkPath} answered ${check.status}`);
  return cookieHeader();
}
