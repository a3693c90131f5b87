import { translatorFor } from "@/lib/i18n/translate-key";
import type { Locale } from "@/lib/i18n/locale";

// What the customer reads: the email (subject, text, simple HTML) and the SMS text, in the
// customer's language whatever the staff member's screen shows. Pure, so the sender, the
// SMS panel and the tests render the same thing.

export type RenderCharge = {
  customerName: string;
  amount: number;
  expiresAt: Date | string | null;
  paymentCode: string | null;
  authorizeUri: string | null;
};

export type RenderedEmail = { subject: string; text: string; html: string };

const TZ = "Asia/Tokyo";

/** "2026年12月10日(木) 23:59 まで" / "by Thu, 10 Dec 2026, 23:59 JST". */
export function formatDeadline(at: Date, locale: Locale): string {
  const part = (options: Intl.DateTimeFormatOptions, type: Intl.DateTimeFormatPartTypes, lang: string = locale) =>
    new Intl.DateTimeFormat(lang, { timeZone: TZ, ...options }).formatToParts(at).find((p) => p.type === type)?.value ?? "";
  const hour = part({ hour: "2-digit", hourCycle: "h23" }, "hour", "en-GB").padStart(2, "0");
  const minute = part({ minute: "2-digit" }, "minute", "en-GB").padStart(2, "0");
  return translatorFor(locale)("mail.deadlineAt", {
    year: part({ year: "numeric" }, "year", "en-GB"),
    month: locale === "ja" ? part({ month: "numeric" }, "month", "en-GB") : part({ month: "short" }, "month", "en-GB"),
    day: part({ day: "numeric" }, "day", "en-GB"),
    weekday: part({ weekday: "short" }, "weekday", locale === "ja" ? "ja-JP" : "en-GB"),
    time: `${hour}:${minute}`,
  });
}

function facts(charge: RenderCharge, locale: Locale) {
  const t = translatorFor(locale);
  return {
    t,
    amount: t("format.yen", { amount: charge.amount }),
    deadline: charge.expiresAt ? formatDeadline(new Date(charge.expiresAt), locale) : "—",
    link: charge.authorizeUri ?? "",
  };
}

/** The email for kind "link" (the payment link) or "reminder" (the day before the deadline). */
export function renderEmail(opts: { kind: "link" | "reminder"; locale: Locale; merchantName: string; charge: RenderCharge }): RenderedEmail {
  const { kind, locale, merchantName: merchant, charge } = opts;
  const { t, amount, deadline, link } = facts(charge, locale);
  const subject = kind === "link" ? t("mail.subjectLink", { merchant, amount }) : t("mail.subjectReminder", { merchant, deadline });
  const intro = kind === "link" ? t("mail.introLink", { merchant }) : t("mail.introReminder", { merchant, deadline });
  const closing = kind === "link" ? t("mail.closingLink") : t("mail.closingReminder");
  const lines = [
    t("mail.amount", { amount }),
    t("mail.deadline", { deadline }),
    ...(charge.paymentCode ? [t("mail.paymentCode", { code: charge.paymentCode })] : []),
  ];
  const text = [t("mail.greeting", { name: charge.customerName }), "", intro, "", ...lines, "", t("mail.link", { link }), "", closing, "", merchant, ""].join("\n");
  const e = escapeHtml;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    `<body style="font-family:sans-serif;line-height:1.6;color:#0f172a">`,
    `<p>${e(t("mail.greeting", { name: charge.customerName }))}</p>`,
    `<p>${e(intro)}</p>`,
    `<p>${lines.map((l) => `<strong>${e(l)}</strong>`).join("<br>")}</p>`,
    link ? `<p><a href="${e(link)}">${e(t("mail.link", { link }))}</a></p>` : "",
    `<p style="color:#475569">${e(closing)}</p>`,
    `<p>${e(merchant)}</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}

/** The SMS text: short, one paragraph, the link last so the phone makes it tappable. */
export function renderSms(opts: { locale: Locale; merchantName: string; charge: RenderCharge }): string {
  const { t, amount, deadline, link } = facts(opts.charge, opts.locale);
  return [
    t("mail.sms", { name: opts.charge.customerName, merchant: opts.merchantName, amount, deadline }),
    ...(opts.charge.paymentCode ? [t("mail.smsCode", { code: opts.charge.paymentCode })] : []),
    t("mail.smsLink", { link }),
  ].join(opts.locale === "ja" ? "" : " ");
}

/** The `sms:` link that opens the phone's messaging app with the text filled in. */
export function smsUri(phoneDigits: string, text: string): string {
  return `sms:${phoneDigits.replace(/[^\d+]/g, "")}?body=${encodeURIComponent(text)}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
