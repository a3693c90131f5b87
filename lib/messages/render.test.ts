import { describe, expect, it } from "vitest";
import { fromJst } from "@/lib/time/jst";
import { formatDeadline, renderEmail, renderSms, smsUri } from "@/lib/messages/render";

const charge = { customerName: "山田 花子", amount: 12345, expiresAt: fromJst(2026, 12, 10, 23, 59), paymentCode: "998877665544", authorizeUri: "https://pay.example/x?a=1&b=2" };

describe("renderEmail", () => {
  it("formats the deadline in JST in both languages", () => {
    expect(formatDeadline(fromJst(2026, 12, 10, 23, 59), "ja")).toBe("2026年12月10日(木) 23:59 まで");
    expect(formatDeadline(fromJst(2026, 12, 10, 23, 59), "en")).toBe("by Thu, 10 Dec 2026, 23:59 JST");
    expect(formatDeadline(fromJst(2027, 1, 1, 0, 5), "ja")).toBe("2027年1月1日(金) 00:05 まで");
  });

  it("link in Japanese: merchant, name, amount with separators, deadline, code, link; HTML escaped", () => {
    const m = renderEmail({ kind: "link", locale: "ja", merchantName: "テスト商店", charge });
    expect(m.subject).toBe("【テスト商店】コンビニでのお支払いのご案内（¥12,345）");
    for (const s of ["山田 花子 様", "テスト商店", "¥12,345", "2026年12月10日(木) 23:59 まで", "998877665544", "https://pay.example/x?a=1&b=2"]) expect(m.text).toContain(s);
    expect(m.html).toContain('href="https://pay.example/x?a=1&amp;b=2"');
  });

  it("reminder in English is neutral and names the merchant", () => {
    const m = renderEmail({ kind: "reminder", locale: "en", merchantName: "Shop", charge });
    expect(m.subject).toBe("[Shop] Payment reminder: due by Thu, 10 Dec 2026, 23:59 JST");
    expect(renderEmail({ kind: "reminder", locale: "ja", merchantName: "店", charge }).subject).toBe("【店】お支払い期限のお知らせ（2026年12月10日(木) 23:59 まで）");
    expect(m.text).toContain("by Thu, 10 Dec 2026, 23:59 JST");
    expect(m.text).toContain("If you have already paid");
  });

  it("leaves out the payment code line when there is none", () => {
    const m = renderEmail({ kind: "link", locale: "ja", merchantName: "店", charge: { ...charge, paymentCode: null } });
    expect(m.text).not.toContain("支払番号");
  });
});

describe("SMS", () => {
  it("text and sms: URI with the body encoded", () => {
    const text = renderSms({ locale: "ja", merchantName: "店", charge });
    expect(text).toContain("¥12,345");
    expect(text.endsWith("https://pay.example/x?a=1&b=2")).toBe(true);
    const uri = smsUri("09012345678", text);
    expect(uri.startsWith("sms:09012345678?body=")).toBe(true);
    expect(decodeURIComponent(uri.split("?body=")[1] ?? "")).toBe(text);
  });
});
