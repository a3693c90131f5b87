import { expect, type Page } from "@playwright/test";

export const unique = (prefix: string) => `${prefix}${Date.now().toString(36).slice(-5).toUpperCase()}`;

/** Create a charge through the JSON API as the signed-in user. */
export async function createChargeViaApi(page: Page, over: Record<string, unknown> = {}) {
  const baseURL = new URL(page.url() === "about:blank" ? "http://localhost:3100" : page.url()).origin;
  const res = await page.request.post("/api/charges", {
    headers: { Origin: baseURL },
    data: { amount: 2500, customerName: "テストタロウ", customerEmail: "e2e@example.jp", customerPhone: "09011112222", ...over },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; authorizeUri: string; reference: string };
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/$/);
}
