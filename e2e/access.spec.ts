import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.describe("without a session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("pages send anonymous visitors to sign in, and the API answers 401", async ({ page, request }) => {
    await page.goto("/charges/new");
    await expect(page).toHaveURL(/\/login\?from=%2Fcharges%2Fnew/);
    const res = await request.get("/api/charges");
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  test("a viewer can read but cannot create or expire", async ({ page, baseURL }) => {
    await signIn(page, "viewer@example.com", "konbini-demo-staff");
    await page.goto("/charges/new");
    await expect(page.getByTestId("viewer-cannot")).toHaveText("閲覧のみの権限では請求を作成できません。");
    await expect(page.locator('input[name="amount"]')).toHaveCount(0);
    const res = await page.request.post("/api/charges", {
      headers: { Origin: baseURL ?? "" },
      data: { amount: 1000, customerName: "ミルダケ", customerEmail: "v@example.jp", customerPhone: "0312345678" },
    });
    expect(res.status()).toBe(403);
    await page.goto("/charges");
    await expect(page.getByTestId("charge-row").first()).toBeVisible();
  });
});

test("the API refuses cross-site writes and explains bad input in the user's language", async ({ page, baseURL }) => {
  await page.goto("/charges");
  const evil = await page.request.post("/api/charges", { headers: { Origin: "https://evil.example" }, data: { amount: 1000 } });
  expect(evil.status()).toBe(403);
  const bad = await page.request.post("/api/charges", {
    headers: { Origin: baseURL ?? "", "Accept-Language": "en-US,en;q=0.9" },
    data: { amount: 149, customerName: "アイウエオカキクケコサ", customerEmail: "x", customerPhone: "123" },
  });
  expect(bad.status()).toBe(422);
  const body = (await bad.json()) as { error: { code: string; fields: Record<string, string[]> } };
  expect(body.error.code).toBe("unprocessable");
  expect(body.error.fields.amount).toEqual(["The amount must be between ¥150 and ¥49,999"]);
  expect(body.error.fields.customerName?.[0]).toContain("10 characters");
});
