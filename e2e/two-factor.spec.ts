import { generate } from "otplib";
import type { Page } from "@playwright/test";
import { expect, expectProblems, test } from "./fixtures";
import { appOrigin, uniqueEmail, headerLink } from "./helpers";
import { ja } from "../messages/ja";
import { en } from "../messages/en";
import type { Text } from "./text";

// Two-factor sign-in in the browser: TOTP enrolment with a code computed here from the secret
// the page shows, sign-in with password + code, the same code refused a second time, and a
// passkey registered and used through Chromium's virtual authenticator. Each test makes its own
// user (the e2e server runs with REQUIRE_2FA=false, so the shared demo users are untouched).

const PASSWORD = "two-factor-e2e-password";

async function freshUser(page: Page): Promise<string> {
  const email = uniqueEmail("twofa");
  const res = await page.request.post("/api/users", { headers: { Origin: appOrigin() }, data: { name: "ニダンカイ", email, password: PASSWORD, role: "staff" } });
  expect(res.status(), await res.text()).toBe(201);
  return email;
}

async function passwordStep(page: Page, t: Text, email: string) {
  await page.goto("/login");
  await page.getByLabel(t.loginEmail).fill(email);
  await page.getByLabel(t.loginPassword).fill(PASSWORD);
  await page.getByRole("button", { name: t.loginSubmit }).click();
}

/** A TOTP for `offsetSteps` 30 s steps from now (±1 is accepted). */
const totp = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

test("@main enrol an authenticator app, sign in with a code, and the same code is refused again", async ({ page, newContext, t, lang }) => {
  const m = lang === "en" ? en : ja;
  const email = await freshUser(page);
  const person = await (await newContext()).newPage();
  // The password-only attempt of a user with a second factor answers 401 (code_required), as does the replay.
  expectProblems(person, [/HTTP 401: POST \S+\/api\/auth\/callback\/credentials/]);
  await passwordStep(person, t, email);
  await expect(person).toHaveURL(/\/$/);

  // The header leads every signed-in user to the security page.
  await (await headerLink(person, m.nav.security)).click();
  await expect(person).toHaveURL(/\/account\/security$/);
  await expect(person.getByTestId("totp-status")).toHaveText(m.security.totpOff);
  await person.getByLabel(m.security.password, { exact: true }).first().fill(PASSWORD);
  await person.getByTestId("totp-begin").click();
  await expect(person.getByTestId("totp-qr")).toBeVisible();
  const secret = (await person.getByTestId("totp-secret").getAttribute("data-secret"))!;
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // Shown in groups of four for typing.
  await expect(person.getByTestId("totp-secret")).toHaveText(secret.match(/.{4}/g)!.join(" "));
  const code = person.getByLabel(m.security.code);
  await expect(code).toHaveAttribute("inputmode", "numeric");
  await code.fill(await totp(secret));
  await person.getByTestId("totp-confirm").click();
  const codes = person.getByTestId("recovery-codes").locator("li");
  await expect(codes).toHaveCount(10);
  await person.getByTestId("recovery-saved").click();
  await expect(person.getByTestId("recovery-panel")).toHaveCount(0);
  await expect(person.getByTestId("totp-status")).toHaveText(m.security.totpOn);
  await expect(person.getByTestId("recovery-left")).toContainText("10");

  await person.getByRole("button", { name: t.signOut }).click();
  await expect(person).toHaveURL(/\/login/);

  // Password first; the code step keeps what was typed and asks for a one-time code.
  await passwordStep(person, t, email);
  const codeField = person.getByLabel(m.login.code);
  await expect(codeField).toBeVisible();
  await expect(codeField).toHaveAttribute("autocomplete", "one-time-code");
  await expect(codeField).toHaveAttribute("inputmode", "numeric");
  await expect(person.getByText(m.login.recoveryHint)).toBeVisible();
  // A step after the enrolment's (inside the ±1 window): a code not used yet.
  const signInCode = await totp(secret, 1);
  await codeField.fill(signInCode);
  await person.getByRole("button", { name: m.login.verify }).click();
  await expect(person).toHaveURL(/\/$/);
  await expect(person.getByTestId("current-user")).toBeVisible();

  await person.getByRole("button", { name: t.signOut }).click();
  await expect(person).toHaveURL(/\/login/);
  await passwordStep(person, t, email);
  await person.getByLabel(m.login.code).fill(signInCode);
  await person.getByRole("button", { name: m.login.verify }).click();
  await expect(person.getByRole("alert").filter({ hasText: m.login.codeInvalid })).toBeVisible();
  await expect(person).toHaveURL(/\/login/);
});

test("@main register a passkey and sign in with it as the second factor", async ({ page, newContext, t, lang }) => {
  const m = lang === "en" ? en : ja;
  const email = await freshUser(page);
  const context = await newContext();
  const person = await context.newPage();
  expectProblems(person, [/HTTP 401: POST \S+\/api\/auth\/callback\/credentials/]);
  const cdp = await context.newCDPSession(person);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });

  await passwordStep(person, t, email);
  await expect(person).toHaveURL(/\/$/);
  await person.goto("/account/security");
  await expect(person.getByTestId("no-passkeys")).toBeVisible();
  await person.getByLabel(m.security.passkeyName).fill("店舗のパソコン");
  await person.locator("#passkey-password").fill(PASSWORD);
  await person.getByTestId("passkey-register").click();
  await expect(person.getByTestId("passkey-row")).toHaveCount(1);
  await expect(person.getByTestId("passkey-row")).toContainText("店舗のパソコン");
  await expect(person.getByTestId("passkey-row")).toContainText(m.security.passkeyNeverUsed);

  await person.getByRole("button", { name: t.signOut }).click();
  await expect(person).toHaveURL(/\/login/);
  await passwordStep(person, t, email);
  await expect(person.getByLabel(m.login.code)).toBeVisible();
  await person.getByRole("button", { name: m.login.usePasskey }).click();
  await expect(person).toHaveURL(/\/$/);
  await person.goto("/account/security");
  await expect(person.getByTestId("passkey-row")).not.toContainText(m.security.passkeyNeverUsed);

  // Removing it asks first; then the password alone signs in again (2FA is optional on this server).
  await person.getByTestId("passkey-remove").click();
  await expect(person.getByTestId("passkey-remove-dialog")).toBeVisible();
  await person.getByTestId("passkey-remove-dialog-confirm").click();
  await expect(person.getByTestId("no-passkeys")).toBeVisible();
});

test("an admin resets a user's second factor from /users: a reason is required, and the user is signed out", async ({ page, newContext, t }) => {
  const email = await freshUser(page);
  const person = await (await newContext()).newPage();
  await passwordStep(person, t, email);
  await expect(person).toHaveURL(/\/$/);
  // Enrol through the API as the person (same contract as the page).
  const start = await person.request.post("/api/account/2fa", { headers: { Origin: appOrigin() }, data: { password: PASSWORD } });
  const { secret } = (await start.json()) as { secret: string };
  const confirmed = await person.request.post("/api/account/2fa/confirm", { headers: { Origin: appOrigin() }, data: { code: await totp(secret) } });
  expect(confirmed.status()).toBe(200);

  expectProblems(page, [/HTTP 422: POST \S+\/api\/users\/\S+\/2fa\/reset \(fetch\)/]);
  await page.goto("/users");
  const row = page.locator(`[data-testid="user-row"][data-user-email="${email}"]`);
  await row.getByTestId("user-reset-2fa").click();
  const dialog = page.getByTestId("reset-2fa-dialog");
  await expect(dialog).toBeVisible();
  await page.getByTestId("reset-2fa-dialog-confirm").click();
  await expect(dialog.getByTestId("error-reset-2fa-reason")).toBeVisible();
  await dialog.getByLabel(ja.users.reset2faReason).fill("スマートフォンを紛失");
  await page.getByTestId("reset-2fa-dialog-confirm").click();
  await expect(dialog).toHaveCount(0);

  await person.goto("/charges");
  await expect(person).toHaveURL(/\/login/);
  // The password alone signs in again: the second factor is gone.
  await passwordStep(person, t, email);
  await expect(person).toHaveURL(/\/$/);
});
