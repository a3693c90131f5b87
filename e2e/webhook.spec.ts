import { createHmac } from "node:crypto";
import { expect, test } from "./fixtures";
import { TEST_WEBHOOK_SECRET } from "../tests/test-env.mjs";

// The real route in the production build: W1 (signature), W9 (body limit).
const sign = (body: string, ts: string) => createHmac("sha256", Buffer.from(TEST_WEBHOOK_SECRET, "base64")).update(`${ts}.${body}`).digest("hex");

test("the webhook refuses bad signatures and oversized bodies, and accepts a signed event", async ({ request }) => {
  const ts = String(Math.floor(Date.now() / 1000));
  const body = JSON.stringify({ object: "event", id: `evnt_test_e2e${Date.now()}`, key: "transfer.create", created_at: new Date().toISOString(), data: { object: "transfer", id: "trsf_1" } });
  const post = (data: string, headers: Record<string, string>) => request.post("/api/webhooks/omise", { data, headers: { "Content-Type": "application/json", ...headers } });

  expect((await post(body, {})).status()).toBe(401);
  expect((await post(body, { "Omise-Signature": "0".repeat(64), "Omise-Signature-Timestamp": ts })).status()).toBe(401);
  const old = String(Number(ts) - 301);
  expect((await post(body, { "Omise-Signature": sign(body, old), "Omise-Signature-Timestamp": old })).status()).toBe(401);

  const big = JSON.stringify({ object: "event", id: "evnt_test_big", key: "charge.update", pad: "x".repeat(300 * 1024) });
  expect((await post(big, { "Omise-Signature": sign(big, ts), "Omise-Signature-Timestamp": ts })).status()).toBe(413);

  const ok = await post(body, { "Omise-Signature": `${"f".repeat(64)},${sign(body, ts)}`, "Omise-Signature-Timestamp": ts });
  expect(ok.status()).toBe(200);
  // Answered by server.mjs's lean listener, not by the Next route it falls back to.
  expect(ok.headers()["x-served-by"]).toBe("konbini-desk-lean");
  const again = await post(body, { "Omise-Signature": sign(body, ts), "Omise-Signature-Timestamp": ts });
  expect(await again.json()).toMatchObject({ duplicate: true });
});

test("the production server answers /api/health on its lean listener, from the background check", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["x-served-by"]).toBe("konbini-desk-lean");
  const body = (await res.json()) as { status: string; checkedAt: string };
  expect(body.status).toBe("ok");
  // The background check runs every second, so its sample is at most a few seconds old.
  expect(Date.now() - Date.parse(body.checkedAt)).toBeLessThan(3_500);
});
