import { encode } from "next-auth/jwt";
import type { Page } from "@playwright/test";
import { expect, expectProblems, test } from "./fixtures";
import { appOrigin, signIn, uniqueEmail, headerLink } from "./helpers";
import { E2E_SESSION_FIXTURES } from "./session-fixtures";
import { TEST_NEXTAUTH_SECRET } from "../tests/test-env.mjs";

// S2, S4, S5 in the browser. Every test makes its own user through the admin API, so the
// shared demo users' passwords and sessions are never touched.

const START_PASSWORD = "a first long passphrase";

async function freshUser(admin: Page, prefix: string, password = START_PASSWORD) {
  const email = uniqueEmail(prefix);
  const res = await admin.request.post("/api/users", { headers: { Origin: appOrigin() }, data: { name: "セッション テスト", email, password, role: "staff" } });
  expect(res.status(), await res.text()).toBe(201);
  return { email, id: ((await res.json()) as { id: string }).id };
}

test("@main changing one's password: the meter, errors in the user's language, and the other devices are signed out", async ({ page, newContext, t }) => {
  const { email } = await freshUser(page, "pwchange");
  const here = await (await newContext()).newPage();
  const elsewhere = await (await newContext()).newPage();
  await signIn(here, t, email, START_PASSWORD);
  await signIn(elsewhere, t, email, START_PASSWORD);

  await (await headerLink(here, t.accountNav)).click();
  await here.getByTestId("change-password-link").click();
  await expect(here).toHaveURL(/\/account\/password$/);
  const current = here.getByLabel(t.currentPassword, { exact: true });
  const next = here.getByLabel(t.newPassword, { exact: true });
  await next.fill("short");
  await expect(here.getByTestId("password-meter-label")).toHaveText(t.meterTooShort);
  await next.fill("orange tram window sky");
  await expect(here.getByTestId("password-meter-label")).toHaveText(t.meterStrong);

  // A listed password is refused at its field; a wrong current password at the other one.
  expectProblems(here, [/HTTP 422: POST \S+\/api\/account\/password/, /HTTP 403: POST \S+\/api\/account\/password/]);
  await current.fill(START_PASSWORD);
  await next.fill("password1234");
  await here.getByTestId("change-password-submit").click();
  await expect(here.getByTestId("error-pw-newPassword")).toHaveText(t.passwordCommon);
  await current.fill("not my password at all");
  await next.fill("orange tram window sky");
  await here.getByTestId("change-password-submit").click();
  await expect(here.getByTestId("error-pw-currentPassword")).toHaveText(t.reauthFailed);
  // A page that does not poll: a list left open would hit the 401 on its own once signed out below.
  await elsewhere.goto("/account");
  await expect(elsewhere.getByTestId("current-user")).toBeVisible(); // refusals changed nothing

  await current.fill(START_PASSWORD);
  await here.getByTestId("change-password-submit").click();
  await expect(here.getByTestId("password-changed")).toHaveText(t.passwordChanged);
  await here.goto("/charges");
  await expect(here.getByTestId("current-user")).toBeVisible();
  await elsewhere.goto("/charges");
  await expect(elsewhere).toHaveURL(/\/login\?from=/);
  expect((await elsewhere.request.get("/api/charges")).status()).toBe(401);
});

test("@main a forged old cookie (a session idle for 20 minutes, or one past 8 hours) lands on the sign-in page", async ({ page, newContext, baseURL }) => {
  const users = (await (await page.request.get("/api/users")).json()) as { data: { id: string; email: string }[] };
  const fixture = users.data.find((u) => u.email === E2E_SESSION_FIXTURES.email);
  expect(fixture, "scripts/e2e-fixtures.ts seeds this user").toBeTruthy();
  for (const sid of [E2E_SESSION_FIXTURES.idleSessionId, E2E_SESSION_FIXTURES.expiredSessionId, "no-such-session"]) {
    // Signed with the server's own secret: only the server-side session can refuse it.
    const value = await encode({ token: { sub: fixture!.id, name: "Idle Fixture", email: fixture!.email, role: "staff", sv: 0, sid }, secret: TEST_NEXTAUTH_SECRET });
    const context = await newContext();
    await context.addCookies([{ name: "next-auth.session-token", value, url: baseURL ?? "" }]);
    const forged = await context.newPage();
    await forged.goto("/charges");
    await expect(forged, sid).toHaveURL(/\/login\?from=/);
    expect((await forged.request.get("/api/charges")).status(), sid).toBe(401);
  }
});

test("@main sign out everywhere: the account page lists both devices and ends both sessions", async ({ page, newContext, t }) => {
  const { email } = await freshUser(page, "everywhere");
  const one = await (await newContext()).newPage();
  const two = await (await newContext()).newPage();
  await signIn(one, t, email, START_PASSWORD);
  await signIn(two, t, email, START_PASSWORD);
  await one.goto("/account");
  await expect(one.getByTestId("session-row")).toHaveCount(2);
  await expect(one.locator('[data-testid="session-row"][data-current="true"]')).toContainText(t.thisDevice);
  await one.getByRole("button", { name: t.revokeAll }).click();
  await one.getByTestId("revoke-all-dialog").getByRole("button", { name: t.revokeAllYes }).click();
  await expect(one).toHaveURL(/\/login/);
  await two.goto("/charges");
  await expect(two).toHaveURL(/\/login\?from=/);
  expect((await one.request.get("/api/charges")).status()).toBe(401);
});

test("an admin reset: the temporary password is shown once, signs the user out, and forces a new password", async ({ page, newContext, t }) => {
  const { email } = await freshUser(page, "reset");
  const person = await (await newContext()).newPage();
  await signIn(person, t, email, START_PASSWORD);

  await page.goto("/users");
  const row = page.locator(`[data-testid="user-row"][data-user-email="${email}"]`);
  await row.getByTestId("user-reset").click();
  await page.locator("#reset-reason").fill("電話でパスワードを忘れたと連絡あり");
  await page.getByTestId("reset-dialog-confirm").click();
  const temporary = (await page.getByTestId("temp-password").textContent()) ?? "";
  expect(temporary.length).toBeGreaterThanOrEqual(12);
  await page.getByTestId("temp-password-done").click();
  await expect(page.getByTestId("temp-password")).toHaveCount(0);

  await person.goto("/charges");
  await expect(person).toHaveURL(/\/login/);
  await signIn(person, t, email, temporary, /\/account\/password$/);
  await expect(person.getByTestId("must-change")).toHaveText(t.mustChange);
  await person.goto("/charges");
  await expect(person).toHaveURL(/\/account\/password$/);
  await person.getByLabel(t.currentPassword, { exact: true }).fill(temporary);
  await person.getByLabel(t.newPassword, { exact: true }).fill("my very own new passphrase");
  await person.getByTestId("change-password-submit").click();
  await expect(person.getByTestId("current-user")).toBeVisible();
  await person.goto("/charges");
  await expect(person).toHaveURL(/\/charges$/);
});
