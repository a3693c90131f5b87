// npm run soak:first-run: proves that `npm run demo` works the first time,
// every time (issue 7). N fresh first runs (empty data dir, demo until
// /api/health answers, stop with SIGINT or SIGTERM, check that everything
// exited cleanly and the database was closed), then N runs killed with SIGKILL
// (the whole process group, like a crash) at a random moment in migrate, seed
// or server start, each followed by a restart that must become healthy.
//
//   SOAK_FRESH=5 SOAK_KILLED=5 SOAK_CLONES=0 PORT=3260 OMISE_SIM_PORT=4260 npm run soak:first-run
//
// SOAK_CLONES=n adds n fresh first runs on brand-new clones of this checkout
// (git clone of HEAD + its own `npm install`: the cold path). Data goes to a
// temporary DEMO_DATA_DIR, never to ./data.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./lib.mjs";
import { checkEmbeddedDb } from "./embedded-db.mjs";

const FRESH = Number(process.env.SOAK_FRESH ?? 5);
const KILLED = Number(process.env.SOAK_KILLED ?? 5);
const CLONES = Number(process.env.SOAK_CLONES ?? 0);
const port = Number(process.env.PORT ?? 3260);
const simPort = Number(process.env.OMISE_SIM_PORT ?? 4260);
const HEALTHY_WITHIN_MS = 10 * 60_000; // a cold clone builds first
const work = mkdtempSync(path.join(tmpdir(), "kd-soak-"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** Start the demo in its own process group; `phase` follows its numbered steps. */
function startDemo(tree, dataDir, tag) {
  const env = { ...process.env, PORT: String(port), OMISE_SIM_PORT: String(simPort), DEMO_DATA_DIR: dataDir };
  delete env.PGLITE_DIR;
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["scripts/demo.mjs"], {
    cwd: tree,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const demo = { child, phase: "check", out: "", exit: new Promise((r) => child.on("exit", (code, signal) => r({ code, signal }))) };
  const phases = [[/1\/4/, "migrate"], [/2\/4/, "build"], [/3\/4/, "seed"], [/4\/4/, "server"], [/is running/, "running"]];
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk) => {
      demo.out += chunk;
      for (const [re, name] of phases) if (re.test(String(chunk))) demo.phase = name;
      if (process.env.SOAK_VERBOSE) process.stdout.write(`  [${tag}] ${chunk}`);
    });
  }
  return demo;
}

async function waitHealthy(demo) {
  const until = Date.now() + HEALTHY_WITHIN_MS;
  let exited = false;
  demo.exit.then(() => (exited = true));
  while (Date.now() < until && !exited) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) return true;
    } catch {}
    await sleep(500);
  }
  return false;
}

const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stop like a user would; clean = exit 0, nothing left running, PGlite closed (no postmaster.pid), database opens. */
async function stopCleanly(demo, dataDir, how) {
  if (how === "SIGINT") process.kill(-demo.child.pid, "SIGINT"); // Ctrl+C reaches the whole group
  else demo.child.kill("SIGTERM");
  const result = await Promise.race([demo.exit, sleep(60_000).then(() => null)]);
  for (let i = 0; i < 40 && groupAlive(demo.child.pid); i++) await sleep(250);
  const problems = [];
  if (!result) problems.push("demo did not exit within 60 s");
  else if (result.code !== 0) problems.push(`demo exited with ${result.signal ?? result.code}`);
  if (groupAlive(demo.child.pid)) problems.push("processes left running");
  if (existsSync(path.join(dataDir, "pglite", "postmaster.pid"))) problems.push("database not closed (postmaster.pid left)");
  const db = await checkEmbeddedDb(path.join(dataDir, "pglite"));
  if (db.state !== "ok") problems.push(`database ${db.state}${db.reason ? `: ${db.reason}` : ""}`);
  return problems;
}

/** Make sure nothing from a failed run survives into the next one. */
function reap(demo) {
  if (groupAlive(demo.child.pid)) process.kill(-demo.child.pid, "SIGKILL");
}

const movedAside = (dataDir) => readdirSync(dataDir).filter((f) => f.startsWith("pglite.broken-")).length;

async function freshRun(tree, label, i) {
  const dataDir = path.join(work, `${label}-${i}`);
  rmSync(dataDir, { recursive: true, force: true });
  const started = Date.now();
  const demo = startDemo(tree, dataDir, `${label} ${i}`);
  const healthy = await waitHealthy(demo);
  const secs = Math.round((Date.now() - started) / 1000);
  const problems = healthy ? await stopCleanly(demo, dataDir, i % 2 ? "SIGINT" : "SIGTERM") : [`not healthy (last step: ${demo.phase}): ${demo.out.slice(-600)}`];
  reap(demo);
  log(`${label} ${i}: ${problems.length ? `FAILED: ${problems.join("; ")}` : `healthy in ${secs} s, stopped cleanly`}`);
  return problems.length === 0;
}

async function killedRun(i) {
  const dataDir = path.join(work, `killed-${i}`);
  rmSync(dataDir, { recursive: true, force: true });
  const target = ["migrate", "seed", "server", "migrate", "check"][i % 5];
  const demo = startDemo(ROOT, dataDir, `killed ${i}`);
  const until = Date.now() + HEALTHY_WITHIN_MS;
  while (demo.phase !== target && demo.phase !== "running" && Date.now() < until) await sleep(50);
  // migrate writes in its first seconds, then waits ~10 s for PGlite's idle timer before closing
  await sleep(Math.random() * (target === "migrate" ? 14_000 : 4_000));
  const hit = demo.phase;
  process.kill(-demo.child.pid, "SIGKILL");
  await demo.exit;
  for (let w = 0; w < 40 && groupAlive(demo.child.pid); w++) await sleep(250);
  const again = startDemo(ROOT, dataDir, `restart ${i}`);
  const healthy = await waitHealthy(again);
  const problems = healthy ? await stopCleanly(again, dataDir, "SIGINT") : [`restart not healthy (last step: ${again.phase}): ${again.out.slice(-600)}`];
  reap(again);
  const moved = movedAside(dataDir);
  log(`killed ${i}: SIGKILL during ${hit}; restart ${problems.length ? `FAILED: ${problems.join("; ")}` : "healthy, stopped cleanly"}${moved ? `; ${moved} moved aside` : ""}`);
  return { ok: problems.length === 0, stuck: !healthy, moved };
}

function cloneTree(n) {
  const dir = path.join(work, `clone-${n}`);
  execFileSync("git", ["clone", "-q", ROOT, dir]);
  log(`clone ${n}: npm install in ${dir}…`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir, stdio: "ignore" });
  return dir;
}

log(`work dir ${work}; app :${port}, simulator :${simPort}`);
let fresh = 0;
for (let i = 1; i <= FRESH; i++) fresh += (await freshRun(ROOT, "fresh", i)) ? 1 : 0;
let cold = 0;
for (let i = 1; i <= CLONES; i++) cold += (await freshRun(cloneTree(i), "cold clone", i)) ? 1 : 0;
const killed = { ok: 0, stuck: 0, moved: 0 };
for (let i = 1; i <= KILLED; i++) {
  const r = await killedRun(i);
  killed.ok += r.ok ? 1 : 0;
  killed.stuck += r.stuck ? 1 : 0;
  killed.moved += r.moved;
}
const summary = [`fresh: ${fresh}/${FRESH} healthy`];
if (CLONES) summary.push(`cold clones: ${cold}/${CLONES} healthy`);
summary.push(`killed+restart: ${killed.ok}/${KILLED} healthy, ${killed.stuck} stuck, ${killed.moved} moved aside`);
console.log(summary.join("; "));
if (!process.env.SOAK_KEEP) rmSync(work, { recursive: true, force: true });
process.exit(fresh === FRESH && cold === CLONES && killed.ok === KILLED ? 0 : 1);
