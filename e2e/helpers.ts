import { test, expect, type APIRequestContext, type Page } from "@playwright/test";
import { TEST_SECRET_KEY } from "../tests/test-env.mjs";
import type { Text } from "./text";

/** The simulator the e2e server started (playwright.config.ts passes the same port). */
export const SIM_URL = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4311}`;
const SIM_AUTH = { Authorization: `Basic ${Buffer.from(`${TEST_SECRET_KEY}:`).toString("base64")}` };

let counter = 0;
/** A value no other test (or project, or earlier run on this server) has used: 6 base-36 characters. */
export const unique = (prefix: string) => `${prefix}${(Date.now() * 36 + (counter++ % 36)).toString(36).slice(-6).toUpperCase()}`;
export const uniquePhone = () => `090${String(Date.now() * 10 + (counter++ % 10)).slice(-8)}`;
export const uniqueEmail = (prefix: string) => `${unique(prefix).toLowerCase()}@example.jp`;

/** The app's own origin, for the Origin header its write endpoints require. */
export const appOrigin = () => {
  const base = test.info().project.use.baseURL;
  if (!base) throw new Error("baseURL is not configured");
  return new URL(base).origin;
};

export type ChargeDto = {
  id: string;
  status: string;
  amount: number;
  authorizeUri: string;
  reference: string;
  customerName: string;
  customerEmail: string;
  customerPhone: string;
  paymentCode: string | null;
  paidAt: string | null;
  expiredAt: string | null;
  createdBy: { id: string; name: string };
};

/** Create a charge through the JSON API as the signed-in user of `page`. */
export async function createChargeViaApi(page: Page, over: Record<string, unknown> = {}): Promise<ChargeDto> {
  const res = await page.request.post("/api/charges", {
    headers: { Origin: appOrigin() },
    data: { amount: 2500, customerName: unique("テスト"), customerEmail: uniqueEmail("e2e"), customerPhone: uniquePhone(), ...over },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as ChargeDto;
}

/** Every charge the API lists for a query, following the cursor. */
export async function listAllViaApi(request: APIRequestContext, params: Record<string, string>): Promise<ChargeDto[]> {
  const all: ChargeDto[] = [];
  let cursor: string | null = null;
  do {
    const qs = new URLSearchParams({ ...params, limit: "100", ...(cursor ? { cursor } : {}) });
    const res = await request.get(`/api/charges?${qs.toString()}`);
    expect(res.status()).toBe(200);
    const page = (await res.json()) as { data: ChargeDto[]; nextCursor: string | null };
    all.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Settle a charge at the simulator as Omise would (it then sends the webhook). */
export async function simulate(request: APIRequestContext, chargeId: string, action: "mark_as_paid" | "mark_as_failed" | "expire") {
  const res = await request.post(`${SIM_URL}/charges/${chargeId}/${action}`, { headers: SIM_AUTH, data: action === "mark_as_failed" ? { failure_code: "payment_cancelled" } : {} });
  expect(res.status(), await res.text()).toBe(200);
}

/** Charges the simulator holds (what Omise would answer), newest first. */
export async function simCharges(request: APIRequestContext) {
  const res = await request.get(`${SIM_URL}/charges?limit=100&order=reverse_chronological`, { headers: SIM_AUTH });
  return ((await res.json()) as { data: { id: string; source: { name?: string } }[] }).data;
}

export async function signIn(page: Page, t: Text, email: string, password: string, expectedPath = /\/$/) {
  await page.goto("/login");
  await page.getByLabel(t.loginEmail).fill(email);
  await page.getByLabel(t.loginPassword).fill(password);
  await page.getByRole("button", { name: t.loginSubmit }).click();
  await expect(page).toHaveURL(expectedPath);
}

/** The number in a text such as "3件" or "3 charges". */
export const countIn = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

/** What the simulator (Omise) gave the customer to quote at the store for one charge. */
export async function simPaymentCode(request: APIRequestContext, chargeId: string): Promise<string> {
  const res = await request.get(`${SIM_URL}/charges/${chargeId}`, { headers: SIM_AUTH });
  return ((await res.json()) as { source: { references: { payment_code: string } } }).source.references.payment_code;
}

/**
 * A link in the header's navigation; below Tailwind's md (768 px) the links sit behind the "Menu"
 * button, which is opened first. The width decides, not whether the button is visible at this
 * instant (streamed content can still be held hidden right after page.goto).
 */
export async function headerLink(page: Page, name: string | RegExp) {
  if ((page.viewportSize()?.width ?? 1280) < 768) {
    const toggle = page.getByTestId("phone-nav-toggle");
    await expect(toggle).toBeVisible();
    await toggle.click();
  }
  return page.getByRole("navigation").getByRole("link", { name, exact: typeof name === "string" });
}
