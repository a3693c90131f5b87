import { expect, test } from "./fixtures";
import { appOrigin, createChargeViaApi, signIn } from "./helpers";

test.describe("without a session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("pages send anonymous visitors to sign in, and the API answers 401", async ({ page, request }) => {
    await page.goto("/charges/new");
    await expect(page).toHaveURL(/\/login\?from=%2Fcharges%2Fnew/);
    const res = await request.get("/api/charges");
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });
});

test("@main a viewer can read but is refused creating and expiring", async ({ page, newContext, t }) => {
  const charge = await createChargeViaApi(page);
  const viewer = await (await newContext()).newPage();
  await signIn(viewer, t, "viewer@example.com", "konbini-demo-staff");
  await viewer.goto("/charges/new");
  await expect(viewer.getByTestId("viewer-cannot")).toHaveText(t.viewerCannot);
  await expect(viewer.locator('input[name="amount"]')).toHaveCount(0);

  // Reading works; the charge's page offers no way to expire it.
  await viewer.goto(`/charges/${charge.id}`);
  await expect(viewer.getByTestId("status-badge")).toHaveText(t.pending);
  await expect(viewer.getByTestId("expire-now")).toHaveCount(0);
  await viewer.goto("/charges");
  await expect(viewer.locator(`[data-charge-id="${charge.id}"]`)).toBeVisible();

  // And the API refuses the writes themselves, whatever the page shows.
  const create = await viewer.request.post("/api/charges", {
    headers: { Origin: appOrigin() },
    data: { amount: 1000, customerName: "ミルダケ", customerEmail: "v@example.jp", customerPhone: "0312345678" },
  });
  expect(create.status()).toBe(403);
  const expire = await viewer.request.post(`/api/charges/${charge.id}/expire`, { headers: { Origin: appOrigin() }, data: {} });
  expect(expire.status()).toBe(403);
  expect((await (await page.request.get(`/api/charges/${charge.id}`)).json()) as { status: string }).toMatchObject({ status: "pending" });
});

test("the API refuses cross-site writes and explains bad input in the user's language", async ({ page }) => {
  await page.goto("/charges");
  const evil = await page.request.post("/api/charges", { headers: { Origin: "https://evil.example" }, data: { amount: 1000 } });
  expect(evil.status()).toBe(403);
  const bad = await page.request.post("/api/charges", {
    headers: { Origin: appOrigin(), "Accept-Language": "en-US,en;q=0.9" },
    data: { amount: 149, customerName: "アイウエオカキクケコサ", customerEmail: "x", customerPhone: "123" },
  });
  expect(bad.status()).toBe(422);
  const body = (await bad.json()) as { error: { code: string; fields: Record<string, string[]> } };
  expect(body.error.code).toBe("unprocessable");
  expect(body.error.fields.amount).toEqual(["The amount must be between ¥150 and ¥49,999"]);
  expect(body.error.fields.customerName?.[0]).toContain("10 characters");
});
