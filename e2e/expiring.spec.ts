import { expect, test } from "./fixtures";
import { countIn, createChargeViaApi, listAllViaApi, unique, headerLink } from "./helpers";

// The expiring-soon queue: pending charges by deadline in JST-day groups, one-click Expire, and
// the overview's 24-hour card. Deadlines are set at create (expiresAt), relative to now.
const MIN = 60_000;
const JST = 9 * 60 * MIN;
/** The instant at hh:mm JST on the JST day `days` after now's. */
const jstAt = (days: number, hh: number, mm: number) => {
  const j = new Date(Date.now() + JST);
  return new Date(Date.UTC(j.getUTCFullYear(), j.getUTCMonth(), j.getUTCDate() + days, hh, mm) - JST);
};
const idsIn = async (page: import("@playwright/test").Page, group: string) =>
  page.getByTestId(`expiring-group-${group}`).getByTestId("expiring-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-charge-id")));

test("@main charges due today and tomorrow are grouped in order, and one expired with confirmation leaves the queue", async ({ page, t }) => {
  const endOfToday = jstAt(0, 23, 59).getTime();
  // Two "today" deadlines need some room before JST midnight.
  test.skip(endOfToday - Date.now() < 45 * MIN, "too close to JST midnight for two deadlines today");
  const name = () => unique("キゲン");
  const at = (d: Date) => ({ customerName: name(), expiresAt: d.toISOString() });
  // Created in the wrong order on purpose: the queue orders by deadline, not by creation.
  const today2 = await createChargeViaApi(page, at(new Date(Date.now() + 40 * MIN)));
  const today1 = await createChargeViaApi(page, at(new Date(Date.now() + 20 * MIN)));
  const tomorrow2 = await createChargeViaApi(page, at(jstAt(1, 18, 0)));
  const tomorrow1 = await createChargeViaApi(page, at(jstAt(1, 9, 30)));
  const mine = new Set([today1.id, today2.id, tomorrow1.id, tomorrow2.id]);

  await page.goto("/");
  await (await headerLink(page, t.expiringNav)).click();
  await expect(page).toHaveURL(/\/charges\/expiring$/);
  await expect(page.getByRole("heading", { level: 1, name: t.expiringTitle })).toBeVisible();
  await expect(page.getByRole("heading", { name: t.groupToday })).toBeVisible();
  await expect(page.getByRole("heading", { name: t.groupTomorrow })).toBeVisible();
  expect((await idsIn(page, "today")).filter((id) => id && mine.has(id))).toEqual([today1.id, today2.id]);
  expect((await idsIn(page, "tomorrow")).filter((id) => id && mine.has(id))).toEqual([tomorrow1.id, tomorrow2.id]);
  // Groups come in time order: today's section before tomorrow's.
  const sections = await page.locator('section[data-testid^="expiring-group-"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
  expect(sections.indexOf("expiring-group-today")).toBeLessThan(sections.indexOf("expiring-group-tomorrow"));
  const row = (id: string) => page.locator(`[data-testid="expiring-row"][data-charge-id="${id}"]`);
  await expect(row(today1.id).getByTestId("time-left")).toBeVisible();

  // Expire the soonest: the dialog asks first; cancelling keeps it, confirming removes it.
  await row(today1.id).getByRole("button", { name: t.expiringExpire }).click();
  const dialog = page.getByTestId("expire-dialog");
  await expect(dialog).toBeVisible();
  await page.getByTestId("expire-cancel").click();
  await expect(dialog).toHaveCount(0);
  await expect(row(today1.id)).toBeVisible();
  await row(today1.id).getByRole("button", { name: t.expiringExpire }).click();
  await dialog.getByTestId("expire-confirm").click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(t.expiringDone)).toBeVisible();
  await expect(row(today1.id)).toHaveCount(0);
  await expect(row(today2.id)).toBeVisible();
  // Not only hidden here: the server no longer lists it as pending.
  await page.reload();
  await expect(row(today2.id)).toBeVisible();
  await expect(row(today1.id)).toHaveCount(0);
  const res = await page.request.get(`/api/charges/${today1.id}`);
  expect(((await res.json()) as { status: string }).status).toBe("expired");
});

test("the overview's expiring-soon card counts the next 24 hours and links to the queue", async ({ page, t }) => {
  const soon = await createChargeViaApi(page, { customerName: unique("スグ"), expiresAt: new Date(Date.now() + 2 * 60 * MIN).toISOString() });
  await createChargeViaApi(page, { customerName: unique("アト"), expiresAt: new Date(Date.now() + 30 * 60 * MIN).toISOString() });
  const before = Date.now();
  await page.goto("/");
  const card = page.getByTestId("stat-expiring-soon");
  await expect(card).toContainText(t.expiringSoon);
  const shown = countIn(await page.getByTestId("stat-expiring-soon-count").textContent());
  const pending = (await listAllViaApi(page.request, { status: "pending", sort: "deadline" })) as unknown as { id: string; expiresAt: string | null }[];
  const due = pending.filter((c) => c.expiresAt && new Date(c.expiresAt).getTime() >= before && new Date(c.expiresAt).getTime() <= before + 24 * 60 * MIN);
  expect(due.map((c) => c.id)).toContain(soon.id);
  expect(shown).toBe(due.length);

  await card.click();
  await expect(page).toHaveURL(/\/charges\/expiring$/);
  await expect(page.locator(`[data-testid="expiring-row"][data-charge-id="${soon.id}"]`)).toBeVisible();
});
