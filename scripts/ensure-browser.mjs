// Finds or provides what the browser tests need: a Chromium and a CJK font.
// Playwright's own browser download cannot be reached on these machines, so
// on Debian, as root, install Debian's `chromium` and `fonts-noto-cjk` when
// missing (saying so); elsewhere stop at once with one line naming what to install.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const debPackageInstalled = (name) => spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" }).stdout?.includes("install ok installed");
const cjkFontPresent = () => has("fc-list") && spawnSync("fc-list", [":lang=ja"], { encoding: "utf8" }).stdout.trim() !== "";

/** The Chromium to drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * Make sure a Chromium and a Japanese font are there. Returns a line saying
 * what was found or installed; throws with one line saying what to install.
 */
export function ensureBrowser({ log = console.log } = {}) {
  const chromium = chromiumPath();
  const missing = [];
  if (!existsSync(chromium)) missing.push("chromium");
  if (!debPackageInstalled("fonts-noto-cjk") && !cjkFontPresent()) missing.push("fonts-noto-cjk");
  if (missing.length === 0) return `browser: ${chromium} (CJK font present)`;

  const canApt = process.platform === "linux" && process.getuid?.() === 0 && has("apt-get") && !process.env.CHROMIUM_PATH;
  if (!canApt) {
    const what = { chromium: "Chromium (or set CHROMIUM_PATH to one)", "fonts-noto-cjk": "a Japanese font (Noto CJK)" };
    throw new Error(`The browser tests need ${missing.map((m) => what[m]).join(" and ")}: install it, then run npm test again.`);
  }
  log(`Installing ${missing.join(" and ")} from Debian (needed by the browser tests; this happens once)…`);
  const apt = (args) => execFileSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  apt(["update", "-qq"]);
  apt(["install", "-y", "-qq", "--no-install-recommends", ...missing]);
  if (!existsSync(chromium)) throw new Error(`apt-get installed chromium but ${chromium} is still missing; set CHROMIUM_PATH to the Chromium binary.`);
  return `browser: ${chromium} (installed ${missing.join(", ")})`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureBrowser());
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
