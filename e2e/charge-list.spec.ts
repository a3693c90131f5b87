import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { appOrigin, countIn, createChargeViaApi, listAllViaApi, simulate, unique, uniqueEmail, uniquePhone, type ChargeDto } from "./helpers";

const rowOf = (page: Page, id: string) => page.locator(`[data-testid="charge-row"][data-charge-id="${id}"]`);

test("@main search finds a charge by phone, name and email, and says when nothing matches", async ({ page, t }) => {
  const target = await createChargeViaApi(page, { customerName: unique("サガス"), customerEmail: uniqueEmail("find"), customerPhone: uniquePhone() });
  const other = await createChargeViaApi(page, { customerName: unique("ホカノ"), customerEmail: uniqueEmail("other"), customerPhone: uniquePhone() });
  await page.goto("/charges");
  await expect(rowOf(page, other.id)).toBeVisible();
  const box = page.getByRole("searchbox", { name: t.search });
  const phone = target.customerPhone;
  for (const q of [`${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`, target.customerName, target.customerEmail.toUpperCase()]) {
    await box.fill(q);
    await page.getByRole("button", { name: t.searchButton }).click();
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(q).replace(/%20/g, "\\+")}`));
    await expect(page.getByTestId("charge-row")).toHaveCount(1);
    await expect(rowOf(page, target.id)).toBeVisible();
    await expect(box).toHaveValue(q);
  }
  await box.fill(unique("ナイ"));
  await page.getByRole("button", { name: t.searchButton }).click();
  await expect(page.getByTestId("charges-empty")).toHaveText(t.empty);
  await expect(page.getByTestId("status-tab-all").getByTestId("status-tab-count")).toHaveText("0");
});

test("@main status tabs show their counts and rows, and the next page loads the rest", async ({ page, t }) => {
  // 27 charges that only this test's search finds: more than one page of 25.
  const tag = unique("tabs-");
  const made: ChargeDto[] = [];
  for (let i = 0; i < 27; i++) made.push(await createChargeViaApi(page, { description: `${tag} #${i}`, amount: 1000 + i }));
  const [paid, failed, expired] = made.slice(-3) as [ChargeDto, ChargeDto, ChargeDto];
  await simulate(page.request, paid.id, "mark_as_paid");
  await simulate(page.request, failed.id, "mark_as_failed");
  const res = await page.request.post(`/api/charges/${expired.id}/expire`, { headers: { Origin: appOrigin() }, data: {} });
  expect(res.status(), await res.text()).toBe(200);
  await expect
    .poll(async () => (await listAllViaApi(page.request, { q: tag })).map((c) => c.status).sort().join(","), { timeout: 20_000 })
    .toBe(["expired", "failed", ...Array<string>(24).fill("pending"), "successful"].sort().join(","));

  await page.goto(`/charges?q=${encodeURIComponent(tag)}`);
  const count = (tab: string) => page.getByTestId(`status-tab-${tab}`).getByTestId("status-tab-count");
  await expect(page.getByTestId("status-tab-all")).toHaveAttribute("aria-current", "page");
  await expect(count("all")).toHaveText("27");
  await expect(count("pending")).toHaveText("24");
  await expect(count("successful")).toHaveText("1");
  await expect(count("expired")).toHaveText("1");
  await expect(count("failed")).toHaveText("1");

  // Newest first: the first page holds the last 25 made; the next page adds the first two.
  await expect(page.getByTestId("charge-row")).toHaveCount(25);
  await expect(page.getByTestId("charge-row").first()).toHaveAttribute("data-charge-id", expired.id);
  await expect(rowOf(page, made[0]?.id ?? "")).toHaveCount(0);
  await page.getByTestId("show-more").click();
  await expect(page.getByTestId("charge-row")).toHaveCount(27);
  await expect(page.getByTestId("charge-row").last()).toHaveAttribute("data-charge-id", made[0]?.id ?? "");
  await expect(page.getByTestId("show-more")).toHaveCount(0);

  for (const [tab, label, id] of [["successful", t.paid, paid.id], ["failed", t.failed, failed.id], ["expired", t.expired, expired.id]] as const) {
    await page.getByTestId(`status-tab-${tab}`).click();
    await expect(page).toHaveURL(new RegExp(`status=${tab}`));
    await expect(page.getByTestId(`status-tab-${tab}`)).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("charge-row")).toHaveCount(1);
    await expect(rowOf(page, id).getByTestId("status-badge")).toHaveText(label);
  }
  // Exactly one page of pending rows: no "show more".
  await page.getByTestId("status-tab-pending").click();
  await expect(page.getByTestId("charge-row")).toHaveCount(24);
  await expect(page.getByTestId("charge-row").getByTestId("status-badge").filter({ hasNotText: t.pending })).toHaveCount(0);
  await expect(page.getByTestId("show-more")).toHaveCount(0);
});

// Start of the current JST day or month, as a UTC instant.
function jstStart(unit: "day" | "month"): number {
  const j = new Date(Date.now() + 9 * 3600_000);
  return Date.UTC(j.getUTCFullYear(), j.getUTCMonth(), unit === "day" ? j.getUTCDate() : 1) - 9 * 3600_000;
}
const total = (rows: ChargeDto[]) => ({ count: rows.length, amount: rows.reduce((sum, c) => sum + c.amount, 0) });
const yen = (n: number) => `¥${n.toLocaleString("en-US")}`;

test("@main the overview's figures match the list and follow a new charge", async ({ page }) => {
  // Something in every figure: one pending, one paid today; expiring one counts this month.
  await createChargeViaApi(page, { amount: 4321 });
  const paid = await createChargeViaApi(page, { amount: 1234 });
  const expired = await createChargeViaApi(page, { amount: 2222 });
  await simulate(page.request, paid.id, "mark_as_paid");
  await simulate(page.request, expired.id, "expire");
  await expect.poll(async () => (await listAllViaApi(page.request, { q: expired.id }))[0]?.status, { timeout: 20_000 }).toBe("expired");
  await expect.poll(async () => (await listAllViaApi(page.request, { q: paid.id }))[0]?.status, { timeout: 20_000 }).toBe("successful");

  // Webhooks of earlier tests may still land: read both sides again until they agree.
  await expect(async () => {
    await page.goto("/");
    const shown = async (id: string) => ({
      count: countIn(await page.getByTestId(`${id}-count`).textContent()),
      amount: await page.getByTestId(`${id}-amount`).textContent(),
    });
    const all = await listAllViaApi(page.request, { status: "all" });
    const since = (at: string | null, from: number) => at !== null && Date.parse(at) >= from;
    const expected = {
      "stat-pending": total(all.filter((c) => c.status === "pending")),
      "stat-paid-today": total(all.filter((c) => c.status === "successful" && since(c.paidAt, jstStart("day")))),
      "stat-paid-month": total(all.filter((c) => c.status === "successful" && since(c.paidAt, jstStart("month")))),
      "stat-expired-month": total(all.filter((c) => c.status === "expired" && since(c.expiredAt, jstStart("month")))),
    };
    for (const [id, want] of Object.entries(expected)) {
      expect(want.count, id).toBeGreaterThan(0);
      expect(await shown(id), id).toEqual({ count: want.count, amount: yen(want.amount) });
    }
  }).toPass({ timeout: 30_000 });

  await expect(page.getByTestId("overview-chart").locator("svg").first()).toBeVisible();

  // The pending card leads to the pending tab, whose count is the card's.
  const card = countIn(await page.getByTestId("stat-pending-count").textContent());
  await page.getByTestId("stat-pending").click();
  await expect(page).toHaveURL(/\/charges\?status=pending/);
  await expect(page.getByTestId("status-tab-pending").getByTestId("status-tab-count")).toHaveText(card.toLocaleString("ja-JP"));

  // A new pending charge moves the card by its count and amount.
  const before = await page.goto("/").then(async () => ({
    count: countIn(await page.getByTestId("stat-pending-count").textContent()),
    amount: countIn(await page.getByTestId("stat-pending-amount").textContent()),
  }));
  await createChargeViaApi(page, { amount: 777 });
  await page.reload();
  await expect(page.getByTestId("stat-pending-amount")).toHaveText(yen(before.amount + 777));
  expect(countIn(await page.getByTestId("stat-pending-count").textContent())).toBe(before.count + 1);
});
