import { expect, test } from "./fixtures";
import { appOrigin, createChargeViaApi, unique, uniqueEmail, uniquePhone, headerLink } from "./helpers";

// What staff see about reminder emails, in each language (copied from the catalog on purpose).
const WORDS = {
  ja: {
    checkbox: "支払期限の前日にリマインドメールを送る",
    checkboxHelp: /期限の24時間前/,
    merchantOff: /店舗の設定でリマインドメールが止まっているため/,
    off: "この請求では送りません（オフ）",
    planned: /^\d{4}\/\d{2}\/\d{2}\(.\) \d{2}:\d{2} JST \(UTC\+09:00\) に送る予定$/,
    turnOff: "リマインドを止める",
    turnedOff: "リマインドメールをオフにしました",
    settingsNav: "設定",
    settingsTitle: "店舗の設定",
    settingsLabel: /支払期限の前日にリマインドメールを送る（すべての請求）/,
    save: "保存",
    stop: "止める",
    saved: "保存しました",
  },
  en: {
    checkbox: "Send a reminder email the day before the deadline",
    checkboxHelp: /24 hours before the deadline/,
    merchantOff: /Reminder emails are turned off in the shop's settings/,
    off: "Not sent for this charge (turned off)",
    planned: /^Planned for .+ JST \(UTC\+09:00\)$/,
    turnOff: "Stop the reminder",
    turnedOff: "Reminder email turned off",
    settingsNav: "Settings",
    settingsTitle: "Shop settings",
    settingsLabel: /Send a reminder email the day before the deadline \(every charge\)/,
    save: "Save",
    stop: "Stop them",
    saved: "Saved",
  },
};

test("@main the reminder checkbox is on by default; unticked, the charge is made without one, and staff can stop a planned one", async ({ page, t, lang }) => {
  const w = WORDS[lang];
  await page.goto("/charges/new");
  const box = page.getByRole("checkbox", { name: w.checkbox });
  await expect(box).toBeChecked();
  await expect(box).toBeEnabled();
  await expect(page.getByTestId("reminders-hint")).toHaveText(w.checkboxHelp);

  await page.getByLabel(t.customerName).fill(unique("リマ"));
  await page.getByLabel(t.email).fill(uniqueEmail("remind"));
  await page.getByLabel(t.phone).fill(uniquePhone());
  await page.getByLabel(t.amount).fill("2100");
  await box.uncheck();
  const created = page.waitForResponse((r) => r.url().endsWith("/api/charges") && r.request().method() === "POST" && r.status() === 201);
  await page.getByTestId("submit-charge").click();
  const charge = (await (await created).json()) as { id: string; remindersEnabled: boolean };
  expect(charge.remindersEnabled).toBe(false);
  await expect(page).toHaveURL(new RegExp(`/charges/${charge.id}/handover$`));

  await page.goto(`/charges/${charge.id}`);
  await expect(page.getByTestId("reminder-status")).toHaveAttribute("data-state", "off");
  await expect(page.getByTestId("reminder-status")).toContainText(w.off);

  // A charge made with the default (7 days ahead) has one planned; staff stop it, confirmed.
  const planned = await createChargeViaApi(page, { customerName: unique("リマ") });
  await page.goto(`/charges/${planned.id}`);
  const status = page.getByTestId("reminder-status");
  await expect(status).toHaveAttribute("data-state", "planned");
  await expect(status.locator("p").first()).toHaveText(w.planned);
  await status.getByRole("button", { name: w.turnOff }).click();
  const dialog = page.getByTestId("reminders-off-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: w.turnOff }).click();
  await expect(status).toHaveAttribute("data-state", "off");
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="reminders_off"]')).toContainText(w.turnedOff);
});

test("@main an admin turns reminders off for the shop on /settings, and the form shows the checkbox disabled with the reason", async ({ page, lang }) => {
  const w = WORDS[lang];
  try {
    await page.goto("/");
    await (await headerLink(page, w.settingsNav)).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { name: w.settingsTitle })).toBeVisible();
    const setting = page.getByRole("checkbox", { name: w.settingsLabel });
    await expect(setting).toBeChecked();
    await setting.uncheck();
    await page.getByRole("button", { name: w.save }).click();
    // Turning it off cancels queued reminders, so it asks first.
    const dialog = page.getByTestId("settings-off-dialog");
    await dialog.getByRole("button", { name: w.stop }).click();
    await expect(page.getByTestId("settings-saved")).toHaveText(w.saved);
    expect(await (await page.request.get("/api/settings")).json()).toEqual({ remindersEnabled: false });

    await page.goto("/charges/new");
    const box = page.getByRole("checkbox", { name: w.checkbox });
    await expect(box).toBeDisabled();
    await expect(box).not.toBeChecked();
    await expect(page.getByTestId("reminders-hint")).toHaveText(w.merchantOff);
  } finally {
    const res = await page.request.patch("/api/settings", { headers: { Origin: appOrigin() }, data: { remindersEnabled: true } });
    expect(res.status()).toBe(200);
  }
  await page.goto("/charges/new");
  await expect(page.getByRole("checkbox", { name: w.checkbox })).toBeEnabled();
});
