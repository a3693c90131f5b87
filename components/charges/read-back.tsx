"use client";

import type { ChargeDto } from "@/lib/charges/dto";
import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/ui/copy-button";
import { LinkQr } from "@/components/charges/link-qr";
import { PaymentCode } from "@/components/charges/payment-code";
import { customerMessage } from "@/components/charges/customer-message";

type Props = { charge: ChargeDto };

/** What staff read out on the call: link, amount and deadline in large type, plus ready-to-send text. */
export function ReadBack({ charge }: Readonly<Props>) {
  const t = useTranslations();
  const link = charge.authorizeUri;
  const texts = [
    { lang: "ja" as const, label: t("readout.smsJa") },
    { lang: "en" as const, label: t("readout.smsEn") },
  ];

  return (
    <div data-testid="read-back" className="space-y-5">
      {link && (
        <div className="rounded-lg border-2 border-emerald-300 bg-emerald-50 p-4">
          <p className="text-sm font-semibold text-emerald-900">{t("readout.link")}</p>
          <a
            data-testid="payment-link"
            translate="no"
            href={link}
            target="_blank"
            rel="noopener noreferrer"
            className="mt-1 block break-all font-mono text-xl font-semibold text-emerald-800 underline decoration-2 underline-offset-4 sm:text-2xl"
          >
            {link}
          </a>
          <div className="mt-3">
            <CopyButton text={link} testId="copy-link" size="md" />
          </div>
        </div>
      )}

      {/* Second to the link on purpose: the link explains each chain's own steps. */}
      {charge.paymentCode && <PaymentCode code={charge.paymentCode} />}

      <div className="grid gap-4 sm:grid-cols-[auto_1fr_auto]">
        <div>
          <p className="text-sm text-slate-500">{t("readout.amount")}</p>
          <p data-testid="readback-amount" className="text-4xl font-bold tabular-nums">
            {t("format.yen", { amount: charge.amount })}
          </p>
        </div>
        <div>
          <p className="text-sm text-slate-500">{t("readout.deadline")}</p>
          <p data-testid="readback-deadline" className="text-2xl font-bold leading-tight">
            {charge.expiresAt ? t("format.jst", { at: new Date(charge.expiresAt) }) : "—"}
          </p>
        </div>
        {link && (
          <figure className="justify-self-start">
            <LinkQr link={link} alt={t("readout.qr")} />
            <figcaption className="mt-1 text-xs text-slate-500">{t("readout.qr")}</figcaption>
          </figure>
        )}
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        {texts.map(({ lang, label }) => {
          const text = customerMessage(charge, lang);
          const id = `message-${lang}-${charge.id}`;
          return (
            <div key={lang} className="space-y-2">
              <div className="flex items-center justify-between gap-2">
                <label htmlFor={id} className="text-sm font-semibold text-slate-700">
                  {label}
                </label>
                <CopyButton text={text} testId={`copy-message-${lang}`} />
              </div>
              <textarea
                id={id}
                data-testid={`message-${lang}`}
                readOnly
                value={text}
                rows={7}
                lang={lang}
                className="w-full rounded-md border border-slate-300 bg-slate-50 p-3 font-sans text-sm leading-relaxed"
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
