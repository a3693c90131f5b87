import { expect, test } from "./fixtures";
import { createChargeViaApi, unique } from "./helpers";

test("@main re-issue from the detail page lands on the new hand-over page; the old charge is expired and links to the new one", async ({ page, t }) => {
  const name = unique("サイハツ");
  const old = await createChargeViaApi(page, { amount: 3100, customerName: name });

  await page.goto(`/charges/${old.id}`);
  await page.getByTestId("reissue").click();
  const dialog = page.getByTestId("reissue-dialog");
  await expect(dialog).toBeVisible();
  const reason = "お客様が期限内に支払えなかったため";
  await dialog.locator('textarea[name="reason"]').fill(reason);
  await dialog.getByRole("button", { name: t.reissueConfirm }).click();

  await expect(page).toHaveURL(/\/charges\/chrg_test_[^/]+\/handover$/);
  const newId = /\/charges\/([^/]+)\/handover$/.exec(new URL(page.url()).pathname)?.[1] ?? "";
  expect(newId).not.toBe(old.id);
  await expect(page.getByTestId("handover-name")).toHaveText(name);

  await page.goto(`/charges/${old.id}`);
  await expect(page.getByTestId("charge-detail")).toHaveAttribute("data-status", "expired");
  await expect(page.getByTestId("reissued-to")).toHaveAttribute("href", `/charges/${newId}`);
  await expect(page.getByTestId("reissued-to")).toHaveText(t.reissueNew);
  const entry = page.locator('[data-testid="timeline-entry"][data-kind="reissued_to"]');
  await expect(entry).toContainText(t.reissuedTo);
  await expect(entry).toContainText(reason);
  await expect(page.getByTestId("reissue")).toHaveCount(0);
});
