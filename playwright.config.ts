import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import type { Lang } from "./e2e/text";

// Debian's Chromium (npm test provides it: scripts/ensure-browser.mjs); Playwright's own download is not reachable offline.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
const admin = "playwright/.auth/admin.json";
// The journeys tagged @main also run in English and at phone width; everything runs in Japanese.
const main = /@main/;
// A phone (Pixel 7's user agent and touch) at the 390x844 the design is checked at.
const phone = { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, screen: { width: 390, height: 844 } };

export default defineConfig<{ lang: Lang }>({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    launchOptions: {
      ...(existsSync(chromium) ? { executablePath: chromium } : {}),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"], storageState: admin }, dependencies: ["setup"] },
    { name: "english", grep: main, use: { ...devices["Desktop Chrome"], storageState: admin, locale: "en-US", lang: "en" }, dependencies: ["setup"] },
    { name: "phone", grep: main, use: { ...phone, storageState: admin }, dependencies: ["setup"] },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM, not Playwright's default SIGKILL: scripts/e2e-server.mjs then stops the app and
    // drops the run's own PostgreSQL database (killed, it left one behind every run).
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
