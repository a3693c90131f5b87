// Finds or provides the nginx that the multi-instance test (tests/multi-instance.instances.test.ts)
// puts in front of two app instances, and starts it on a config of its own. On Debian, as root,
// installs Debian's `nginx` when missing (saying so); elsewhere stops at once with one line naming
// what to install. NGINX_PATH selects another binary.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

/** The nginx binary: NGINX_PATH, else the one on PATH, else Debian's /usr/sbin/nginx (or null). */
function findNginx() {
  if (process.env.NGINX_PATH) return existsSync(process.env.NGINX_PATH) ? process.env.NGINX_PATH : null;
  const onPath = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).stdout?.trim();
  if (onPath) return onPath;
  return existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : null;
}

/** Make sure nginx is there; returns its path. Throws with one line saying what to install. */
export function ensureNginx({ log = console.log } = {}) {
  const found = findNginx();
  if (found) return found;
  const canApt = process.platform === "linux" && process.getuid?.() === 0 && has("apt-get") && !process.env.NGINX_PATH;
  if (!canApt) throw new Error("The multi-instance test needs nginx (Debian: apt-get install nginx, or set NGINX_PATH to one): install it, then run npm test again.");
  log("Installing nginx from Debian (needed by the multi-instance test; this happens once)…");
  const apt = (args) => execFileSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  apt(["update", "-qq"]);
  apt(["install", "-y", "-qq", "--no-install-recommends", "nginx"]);
  const installed = findNginx();
  if (!installed) throw new Error("apt-get installed nginx but no nginx binary was found; set NGINX_PATH to it.");
  return installed;
}

/**
 * The config: one upstream of every instance, round robin, and what docs/deploy.md asks of a proxy
 * in front of Konbini Desk (Host and X-Forwarded-* set, not passed through from the client). Logs,
 * the pid file and temp paths live under `prefix`. The access log names the upstream that answered.
 */
export function nginxConfig({ port, upstreams, prefix }) {
  const asRoot = process.getuid?.() === 0;
  return `# written by scripts/ensure-nginx.mjs
daemon off;
master_process on;
worker_processes 1;
${asRoot ? "user root;\n" : ""}pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 256; }
http {
  log_format kd '$request_method $uri $status $upstream_addr $upstream_http_x_kd_instance';
  access_log ${prefix}/access.log kd;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream konbini_desk {
${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=5s;`).join("\n")}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 1m;
    location / {
      proxy_pass http://konbini_desk;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }
  }
}
`;
}

const listening = (port) =>
  new Promise((resolve, reject) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => resolve(socket.end()));
    socket.once("error", reject);
  });

/**
 * Start nginx in front of `upstreams` ("127.0.0.1:5101", …) on `port`, in the foreground, with
 * everything under a temp dir. Resolves once it answers; `stop()` ends it and removes the dir.
 */
export async function startNginx({ port, upstreams, binary = ensureNginx() }) {
  if (await listening(port).then(() => true, () => false)) throw new Error(`port ${port} is already in use: nginx cannot listen there (is an earlier run's nginx still running?)`);
  const prefix = mkdtempSync(path.join(tmpdir(), "kd-nginx-"));
  for (const d of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(prefix, d));
  const conf = path.join(prefix, "nginx.conf");
  writeFileSync(conf, nginxConfig({ port, upstreams, prefix }));
  let stderr = "";
  const child = spawn(binary, ["-c", conf, "-p", prefix, "-e", path.join(prefix, "error.log")], { stdio: ["ignore", "ignore", "pipe"] });
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const errorLog = () => (existsSync(path.join(prefix, "error.log")) ? readFileSync(path.join(prefix, "error.log"), "utf8") : "");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM"); // nginx's fast shutdown
      const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(prefix, { recursive: true, force: true });
  };
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr.trim() || errorLog().trim()}`);
      try {
        await listening(port); // nginx itself, not the upstreams behind it
        break;
      } catch {
        if (Date.now() > until) throw new Error(`nginx did not answer on port ${port}: ${stderr.trim() || errorLog().trim()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } catch (err) {
      await stop();
      throw err;
    }
  }
  return {
    url: `http://127.0.0.1:${port}`,
    prefix,
    /** The access log's lines: method, path, status, upstream address, X-KD-Instance of the answer. */
    accessLog: () => (existsSync(path.join(prefix, "access.log")) ? readFileSync(path.join(prefix, "access.log"), "utf8").trim().split("\n").filter(Boolean) : []),
    errorLog,
    stop,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(`nginx: ${ensureNginx()}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
