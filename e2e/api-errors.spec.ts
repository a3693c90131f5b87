import { expect, test } from "./fixtures";
import { createChargeViaApi } from "./helpers";

// The JSON API's validation and not-found answers through the built server:
// Next's router, the real session cookie, withApiHandler, the user's language.
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

test("bad list queries, a damaged cursor, a bad expire reason and an unknown charge", async ({ page, baseURL }) => {
  await page.goto("/charges");
  const list = await page.request.get("/api/charges?status=bogus&limit=0");
  expect(list.status()).toBe(422);
  const listBody = (await list.json()) as ErrorBody;
  expect(listBody.error).toMatchObject({ code: "unprocessable", message: "入力内容を確認してください。" });
  expect(Object.keys(listBody.error.fields ?? {}).sort()).toEqual(["limit", "status"]);

  const cursor = await page.request.get("/api/charges?cursor=not-a-cursor", { headers: { "Accept-Language": "en-US,en;q=0.9" } });
  expect(cursor.status()).toBe(422);
  expect(((await cursor.json()) as ErrorBody).error.fields).toEqual({ cursor: ["The page cursor is not valid; open the list again from the first page"] });

  const charge = await createChargeViaApi(page);
  const expire = await page.request.post(`/api/charges/${charge.id}/expire`, { headers: { Origin: baseURL ?? "" }, data: { reason: 42 } });
  expect(expire.status()).toBe(422);
  expect(Object.keys(((await expire.json()) as ErrorBody).error.fields ?? {})).toEqual(["reason"]);

  const missing = await page.request.get("/api/charges/chrg_test_nosuchcharge");
  expect(missing.status()).toBe(404);
  expect(((await missing.json()) as ErrorBody).error).toEqual({ code: "not_found", message: "見つかりません。" });
});
