import { expect, expectProblems, test } from "./fixtures";
import { appOrigin, uniqueEmail } from "./helpers";

// S8 headers, S3's 429 on the real sign-in endpoint, and the open-redirect fix, against the
// production server (server.mjs + proxy.ts). Every other spec fails on any CSP violation
// (e2e/fixtures.ts); the last test here shows that listener does see one.

test("@main every page carries a fresh nonce CSP, nosniff, a referrer policy; signed-in answers are no-store", async ({ page, newContext }) => {
  const first = await page.request.get("/charges");
  const second = await page.request.get("/charges");
  const csp = first.headers()["content-security-policy"] ?? "";
  for (const part of ["default-src 'self'", "'strict-dynamic'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self'"]) {
    expect(csp).toContain(part);
  }
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);
  expect(csp).not.toContain("unsafe-eval");
  // Next put this response's nonce on its scripts.
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("same-origin");
  expect(first.headers()["cache-control"]).toContain("no-store");
  // Served over http here, so no HSTS (it is sent when NEXTAUTH_URL is https: unit test).
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
  for (const path of ["/api/users", "/api/charges", "/api/auth/session"]) {
    expect((await page.request.get(path)).headers()["cache-control"], path).toContain("no-store");
  }
  // The sign-in page, signed out, has the policy too.
  const anon = await (await newContext()).request.get("/login");
  expect(anon.headers()["content-security-policy"]).toContain("'strict-dynamic'");
});

test("/login?from= never sends a signed-in user to another origin", async ({ page }) => {
  for (const from of ["/%5Cevil.example", "//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "/%2F%2Fevil.example"]) {
    const res = await page.request.get(`/login?from=${encodeURIComponent(from)}`, { maxRedirects: 0 });
    const location = res.headers()["location"] ?? "";
    expect(res.status(), from).toBeGreaterThanOrEqual(300);
    expect(new URL(location, appOrigin()).origin, `${from} → ${location}`).toBe(appOrigin());
    expect(location, from).not.toContain("evil");
  }
  const ok = await page.request.get(`/login?from=${encodeURIComponent("/charges?status=pending")}`, { maxRedirects: 0 });
  expect(ok.headers()["location"]).toMatch(/\/charges\?status=pending$/);
});

test("the sign-in endpoint answers 429 with Retry-After once an account has failed five times, and the form says to wait", async ({ page, newContext, t, lang }) => {
  const email = uniqueEmail("throttled");
  const made = await page.request.post("/api/users", { headers: { Origin: appOrigin() }, data: { name: "Throttled", email, password: "a-long-enough-password", role: "viewer" } });
  expect(made.status()).toBe(201);
  const anon = await newContext();
  const signIn = async (password: string) => {
    const { csrfToken } = (await (await anon.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return anon.request.post("/api/auth/callback/credentials", { form: { email, password, csrfToken, json: "true" }, maxRedirects: 0 });
  };
  for (let i = 0; i < 5; i++) expect((await signIn("wrong-password-123")).status()).toBe(401);
  // Three more, each after the delay before it (1 s, 2 s, 4 s): the delay is now 8 s, time for the form below.
  for (const wait of [1_100, 2_100, 4_100]) {
    await new Promise((r) => setTimeout(r, wait));
    expect((await signIn("wrong-password-123")).status()).toBe(401);
  }
  const throttled = await signIn("a-long-enough-password");
  expect(throttled.status()).toBe(429);
  expect(Number(throttled.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe("throttled");
  // In the browser: the form shows the wait instead of "wrong password".
  const form = await anon.newPage();
  await form.goto("/login");
  await form.getByLabel(t.loginEmail).fill(email);
  await form.getByLabel(t.loginPassword).fill("wrong-password-123");
  expectProblems(form, [/429/]);
  await form.getByRole("button", { name: t.loginSubmit }).click();
  await expect(form.locator('form [role="alert"]')).toContainText(lang === "ja" ? "試行回数が多すぎます" : "Too many attempts");
});

test("the CSP listener sees a violation (injected markup with an inline handler, as an XSS would)", async ({ browser }) => {
  // A context of its own, not watched: here the violation is the point.
  const context = await browser.newContext({ storageState: "playwright/.auth/admin.json" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto("/charges");
  await page.evaluate(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.effectiveDirective}`));
    document.body.insertAdjacentHTML("beforeend", `<img src="/icon.svg?x" onload="window.__injected = true" onerror="window.__injected = true">`);
  });
  await expect.poll(() => errors.some((e) => /CSP violation: script-src|Content Security Policy/.test(e))).toBe(true);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  await context.close();
});

test("signing in and out are in the audit log, with the address and browser", async ({ page, newContext, t }) => {
  const email = uniqueEmail("audited");
  expect((await page.request.post("/api/users", { headers: { Origin: appOrigin() }, data: { name: "Audited", email, password: "a-long-enough-password", role: "viewer" } })).status()).toBe(201);
  const own = await (await newContext()).newPage();
  await own.goto("/login");
  await own.getByLabel(t.loginEmail).fill(email);
  await own.getByLabel(t.loginPassword).fill("a-long-enough-password");
  await own.getByRole("button", { name: t.loginSubmit }).click();
  await expect(own.getByTestId("current-user")).toBeVisible();
  await own.getByRole("button", { name: t.signOut }).click();
  await expect(own).toHaveURL(/\/login/);
  type Row = { action: string; actorEmail: string; ip: string | null; userAgent: string | null };
  const rows = async (action: string) => ((await (await page.request.get(`/api/audit?actor=${encodeURIComponent(email)}&action=${action}`)).json()) as { data: Row[] }).data;
  expect(await rows("auth.sign_in")).toEqual([expect.objectContaining({ actorEmail: email, ip: expect.stringMatching(/127\.0\.0\.1|::1/) })]);
  await expect.poll(async () => (await rows("auth.sign_out")).length).toBe(1);
  expect((await rows("auth.sign_out"))[0]?.userAgent).toContain("Chrome");
});

test("@main the audit log page filters by action and JST day, without sideways scrolling", async ({ page }) => {
  // A few rows of our own to page through.
  for (let i = 0; i < 3; i++) await page.request.post("/api/charges/chrg_test_nope/sync", { headers: { Origin: appOrigin() } });
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  await page.goto("/audit");
  await page.getByTestId("audit-action").selectOption("auth.sign_in");
  await page.getByTestId("audit-from").fill(today);
  await page.getByTestId("audit-to").fill(today);
  await page.getByTestId("audit-submit").click();
  await expect(page).toHaveURL(/action=auth\.sign_in/);
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  for (const action of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-action")))) expect(action).toBe("auth.sign_in");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // Tomorrow (JST) has nothing yet.
  const tomorrow = new Date(Date.now() + 33 * 3600_000).toISOString().slice(0, 10);
  await page.goto(`/audit?from=${tomorrow}`);
  await expect(page.getByTestId("audit-empty")).toBeVisible();
});
