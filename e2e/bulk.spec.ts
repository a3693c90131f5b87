import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { expect, expectProblems, test } from "./fixtures";
import { listAllViaApi, unique, uniqueEmail, uniquePhone } from "./helpers";
import type { Lang } from "./text";

// What staff see on /charges/bulk, copied from the catalog on purpose (see e2e/text.ts).
const BULK: Record<Lang, { title: string; summary: RegExp; ready: string; invalid: string; created: string; paused: RegExp; finished: RegExp; resumeTitle: RegExp; emailError: RegExp }> = {
  ja: {
    title: "CSV から一括で請求を作成",
    summary: /^4行: 作成できる行 2、要修正 2、外した行 0$/,
    ready: "作成待ち",
    invalid: "要修正",
    created: "作成済み",
    paused: /一時停止しました/,
    finished: /^完了: 作成 3 件、失敗 0 件、重複の疑い 0 件$/,
    resumeTitle: /途中の一括作成があります/,
    emailError: /メールアドレス: /,
  },
  en: {
    title: "Create charges from a CSV file",
    summary: /^4 rows: 2 ready, 2 to fix, 0 dropped$/,
    ready: "Ready",
    invalid: "To fix",
    created: "Created",
    paused: /Paused: the connection was lost/,
    finished: /^Done: 3 created, 0 failed, 0 possible duplicates$/,
    resumeTitle: /An unfinished bulk run/,
    emailError: /Email: /,
  },
};

test("@main bulk issue: a Shift_JIS CSV is checked row by row, fixed and trimmed, then makes exactly one charge per row across a lost answer and a reload, with one email each and a results CSV of links", async ({ page, lang }) => {
  const b = BULK[lang];
  const tag = unique("一括");
  const rows = [
    ["ヤマダ", uniqueEmail("bulk-a"), uniquePhone(), "1,500", "", `${tag} A`],
    ["スズキ", uniqueEmail("bulk-b"), uniquePhone(), "２２００", "", `${tag} B`],
    ["タナカ", "tanaka@", uniquePhone(), "3000", "", `${tag} C`],
    ["サトウ", uniqueEmail("bulk-d"), uniquePhone(), "10", "", `${tag} D`],
  ];
  const csv = ["お客様名,メールアドレス,電話番号,金額,支払期限,内容", ...rows.map((r) => r.map((c) => (c.includes(",") ? `"${c}"` : c)).join(","))].join("\r\n");

  await page.goto("/charges/bulk");
  await expect(page.getByRole("heading", { name: b.title })).toBeVisible();
  await page.getByTestId("bulk-file").setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: iconv.encode(csv, "shift_jis") });
  await expect(page.getByTestId("bulk-read")).toContainText("Shift_JIS");
  await expect(page.getByTestId("bulk-summary")).toHaveText(b.summary);
  await expect(page.getByTestId("bulk-row-2-state")).toHaveText(b.ready);
  await expect(page.getByTestId("bulk-row-4-state")).toHaveText(b.invalid);
  await expect(page.getByTestId("bulk-row-4-errors")).toContainText(b.emailError);

  // Fix row 4's email in place; drop row 5 (the ¥10 one).
  await page.getByTestId("bulk-row-4-edit").click();
  await page.locator("#bulk-4-customerEmail").fill(uniqueEmail("bulk-c"));
  await page.getByTestId("bulk-row-4-edit").click();
  await expect(page.getByTestId("bulk-row-4-state")).toHaveText(b.ready);
  await page.getByTestId("bulk-row-5-drop").click();
  await page.getByTestId("bulk-send-email").check();

  // The second create reaches the server, but its answer is lost on the way back: the run pauses.
  expectProblems(page, [/ERR_CONNECTION_RESET/]);
  let posts = 0;
  await page.route("**/api/charges", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    posts += 1;
    if (posts === 2) {
      await route.fetch(); // the server creates the charge...
      return route.abort("connectionreset"); // ...and the browser never hears of it
    }
    return route.continue();
  });
  await page.getByTestId("bulk-create").click();
  await page.getByTestId("bulk-confirm-confirm").click();
  await expect(page.getByTestId("bulk-paused")).toContainText(b.paused);
  await page.unroute("**/api/charges");

  // A reload offers the unfinished run back; resuming finishes it without making anything twice.
  await page.reload();
  await expect(page.getByTestId("bulk-resume")).toContainText(b.resumeTitle);
  await page.getByTestId("bulk-resume-button").click();
  await expect(page.getByTestId("bulk-finished")).toHaveText(b.finished);
  for (const n of [2, 3, 4]) await expect(page.getByTestId(`bulk-row-${n}-state`)).toHaveText(b.created);

  const made = await listAllViaApi(page.request, { q: tag });
  expect(made.map((c) => c.customerName).sort()).toEqual(["スズキ", "タナカ", "ヤマダ"].sort());
  expect(made.map((c) => c.amount).sort()).toEqual([1500, 2200, 3000]);
  for (const charge of made) {
    const res = await page.request.get(`/api/charges/${charge.id}/messages`);
    const messages = ((await res.json()) as { items: { channel: string }[] }).items.filter((m) => m.channel === "email");
    expect(messages, `emails for ${charge.customerName}`).toHaveLength(1);
  }

  // The results CSV has each created row's link and charge id, and the dropped row marked.
  const download = page.waitForEvent("download");
  await page.getByTestId("bulk-results").click();
  const text = readFileSync((await (await download).path()) ?? "", "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  for (const charge of made) expect(text).toContain(`${charge.id},${charge.authorizeUri}`);
  expect(text.trim().split("\r\n")).toHaveLength(1 + rows.length);
});

test("bulk issue: a file without the needed columns is refused with what is missing, and nothing is created", async ({ page }) => {
  await page.goto("/charges/bulk");
  await page.getByTestId("bulk-file").setInputFiles({ name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("名前,金額\nヤマダ,1000\n") });
  await expect(page.getByTestId("bulk-read-error")).toHaveText("必要な列が見つかりません: メールアドレス、電話番号。見出しの名前を確認してください（ひな形を参照）。");
  await expect(page.getByTestId("bulk-create")).toHaveCount(0);
});
