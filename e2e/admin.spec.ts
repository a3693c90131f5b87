import { expect, test } from "./fixtures";
import { createChargeViaApi, listAllViaApi, simulate } from "./helpers";

test("the Omise secret key never reaches the browser", async ({ page }) => {
  const secret = "skey_test_konbinidesk";
  const seen: string[] = [];
  page.on("response", async (res) => {
    const type = res.headers()["content-type"] ?? "";
    if (/html|javascript|json|text\/x-component/.test(type)) seen.push(await res.text().catch(() => ""));
  });
  for (const path of ["/", "/charges", "/charges/new", "/users", "/health"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(seen.length).toBeGreaterThan(10);
  expect(seen.filter((body) => body.includes(secret))).toEqual([]);
});

test("@main the health page shows webhook and reconciliation state", async ({ page, t }) => {
  // An event of this test's own: paying a charge makes Omise send charge.complete.
  const charge = await createChargeViaApi(page);
  await simulate(page.request, charge.id, "mark_as_paid");
  await expect.poll(async () => (await listAllViaApi(page.request, { q: charge.id }))[0]?.status, { timeout: 20_000 }).toBe("successful");
  await page.goto("/health");
  await expect(page.getByRole("heading", { name: t.healthTitle })).toBeVisible();
  await expect(page.getByTestId("health-last-event")).toContainText("charge.");
  await expect(page.getByTestId("health-omise")).toHaveText(t.omiseOk);
  await expect(page.getByTestId("health-unprocessed")).toHaveText(/^\d+$/);
  expect(Number(await page.getByTestId("health-events-24h").textContent())).toBeGreaterThan(0);
});

test("every page, signed in or not, links the app's icon, and it is served", async ({ page, newContext, request }) => {
  const anonymous = await (await newContext()).newPage();
  for (const [p, path] of [[anonymous, "/login"], [page, "/"], [page, "/charges/new"], [page, "/health"]] as const) {
    await p.goto(path);
    await expect(p.locator('link[rel="icon"][href^="/icon.svg"]'), path).toHaveCount(1);
    await expect(p.locator('link[rel="icon"][href^="/favicon.ico"]'), path).toHaveCount(1);
  }
  const href = (await page.locator('link[rel="icon"][href^="/icon.svg"]').getAttribute("href")) ?? "";
  const res = await request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
  // Browsers and tools that ask for the classic address get an icon too.
  expect((await request.get("/favicon.ico")).status()).toBe(200);
});
