"use client";

import { useCallback, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ChargeDto } from "@/lib/charges/dto";
import type { MessageDto } from "@/lib/messages/dto";
import { renderSms, smsUri } from "@/lib/messages/render";
import { isMessageKey } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locale";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useKeyTranslator } from "@/components/i18n/use-key-translator";
import { newIdempotencyKey } from "@/components/charges/idempotency-key";
import { usePolling } from "@/components/charges/use-polling";

type Props = {
  charge: ChargeDto;
  initialMessages: MessageDto[];
  merchantName: string;
  captureOnly: boolean;
  canSend: boolean;
};

const POLL_MS = 2000;
const OPEN_STATES = new Set(["queued", "sending"]);
const STATE_TONE: Record<string, string> = {
  queued: "bg-slate-100 text-slate-800",
  sending: "bg-sky-100 text-sky-900",
  sent: "bg-emerald-100 text-emerald-900",
  captured: "bg-violet-100 text-violet-900",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-amber-100 text-amber-900",
};

/** Sending the payment link: by email (through the outbox) and as SMS text for the staff phone. */
export function SendLink({ charge, initialMessages, merchantName, captureOnly, canSend }: Readonly<Props>) {
  const t = useTranslations();
  const staffLocale = useLocale() as Locale;
  const [messages, setMessages] = useState(initialMessages);
  // The detail page polls the charge too: its newer list replaces ours.
  const [seenInitial, setSeenInitial] = useState(initialMessages);
  if (initialMessages !== seenInitial) {
    setSeenInitial(initialMessages);
    setMessages(initialMessages);
  }
  const [to, setTo] = useState(charge.customerEmail);
  const [lang, setLang] = useState<Locale>(staffLocale);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<string[] | undefined>();
  const [done, setDone] = useState(false);
  // One key per intended send: a double click or a retry after a lost answer queues one message.
  const [sendKey, setSendKey] = useState(newIdempotencyKey);

  const refresh = useCallback(async () => {
    const res = await fetchJson<{ items: MessageDto[] }>(`/api/charges/${encodeURIComponent(charge.id)}/messages`, {}, "");
    if (res.ok) setMessages(res.data.items);
  }, [charge.id]);
  usePolling(refresh, POLL_MS, messages.some((m) => OPEN_STATES.has(m.state)));

  const pending = charge.status === "pending";
  const smsText = renderSms({ locale: lang, merchantName, charge });
  const smsHref = smsUri(charge.customerPhone, smsText);

  async function send(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors(undefined);
    setDone(false);
    const res = await fetchJson<MessageDto>(
      `/api/charges/${encodeURIComponent(charge.id)}/messages`,
      { method: "POST", body: { channel: "email", locale: lang, to }, headers: { "Idempotency-Key": sendKey } },
      t("common.error"),
    );
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      setFieldErrors(res.error.fields?.to);
      return;
    }
    setDone(true);
    setSendKey(newIdempotencyKey());
    setMessages((list) => [...list.filter((m) => m.id !== res.data.id), res.data]);
  }

  function smsOpened() {
    // Recorded in the timeline; the link itself opens the phone's messaging app.
    void fetchJson(`/api/charges/${encodeURIComponent(charge.id)}/messages`, { method: "POST", body: { channel: "sms", locale: lang } }, "");
  }

  const langId = `send-lang-${charge.id}`;
  const toId = `send-to-${charge.id}`;
  const smsId = `sms-text-${charge.id}`;
  return (
    <div data-testid="send-link" className="space-y-6">
      {pending && canSend ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <section aria-labelledby={`email-h-${charge.id}`} className="space-y-3">
            <h2 id={`email-h-${charge.id}`} className="text-lg font-semibold">
              {t("messaging.emailTitle")}
            </h2>
            {captureOnly && (
              <p data-testid="capture-notice" className="text-sm text-violet-800">
                {t("messaging.captureNotice")}
              </p>
            )}
            <form onSubmit={send} noValidate className="space-y-3">
              <FormField id={toId} label={t("messaging.to")} errors={fieldErrors}>
                {(describedBy) => (
                  <input
                    id={toId}
                    data-testid="send-to"
                    type="email"
                    inputMode="email"
                    autoComplete="off"
                    translate="no"
                    value={to}
                    onChange={(e) => setTo(e.target.value)}
                    aria-invalid={Boolean(fieldErrors?.length)}
                    aria-describedby={describedBy}
                    className={inputClass(Boolean(fieldErrors?.length))}
                  />
                )}
              </FormField>
              <LanguageChoice id={langId} value={lang} onChange={setLang} />
              <Button type="submit" size="lg" data-testid="send-email" disabled={busy} aria-busy={busy} className="w-full sm:w-auto">
                {busy ? t("messaging.sending") : t("messaging.send")}
              </Button>
            </form>
            {error && (
              <Alert tone="error" testId="send-error">
                {error}
              </Alert>
            )}
            {done && <Alert tone="success" testId="send-ok">{t("messaging.queuedOk")}</Alert>}
          </section>

          <section aria-labelledby={`sms-h-${charge.id}`} className="space-y-3">
            <h2 id={`sms-h-${charge.id}`} className="text-lg font-semibold">
              {t("messaging.smsTitle")}
            </h2>
            <p className="text-sm text-slate-600">{t("messaging.smsHelp")}</p>
            <label htmlFor={smsId} className="sr-only">
              {t("messaging.smsTitle")}
            </label>
            <textarea
              id={smsId}
              data-testid="sms-text"
              readOnly
              value={smsText}
              rows={5}
              lang={lang}
              className="w-full rounded-md border border-slate-300 bg-slate-50 p-3 text-sm leading-relaxed"
            />
            <div className="flex flex-wrap gap-3">
              <CopyButton text={smsText} testId="sms-copy" size="md" />
              <a href={smsHref} data-testid="sms-open" onClick={smsOpened} className={buttonClass("primary", "md")}>
                {t("messaging.smsOpen")}
              </a>
            </div>
          </section>
        </div>
      ) : (
        !pending && <p className="text-sm text-slate-600">{t("messaging.notPending")}</p>
      )}

      <section aria-labelledby={`history-h-${charge.id}`} className="space-y-2">
        <h2 id={`history-h-${charge.id}`} className="text-sm font-semibold text-slate-700">
          {t("messaging.history")}
        </h2>
        {messages.length === 0 ? (
          <p className="text-sm text-slate-500">{t("messaging.none")}</p>
        ) : (
          <ul data-testid="message-list" className="space-y-2">
            {[...messages].reverse().map((m) => (
              <MessageItem key={m.id} message={m} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function LanguageChoice({ id, value, onChange }: Readonly<{ id: string; value: Locale; onChange: (l: Locale) => void }>) {
  const t = useTranslations();
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-semibold text-slate-800">{t("messaging.language")}</legend>
      <div className="flex gap-4">
        {(["ja", "en"] as const).map((l) => (
          <label key={l} className="flex min-h-11 items-center gap-2 text-base">
            <input type="radio" name={id} data-testid={`send-lang-${l}`} value={l} checked={value === l} onChange={() => onChange(l)} className="h-5 w-5" />
            {l === "ja" ? t("messaging.langJa") : t("messaging.langEn")}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function MessageItem({ message: m }: Readonly<{ message: MessageDto }>) {
  const t = useTranslations();
  const tk = useKeyTranslator();
  const reasonKey = m.lastError ? `messaging.reason.${m.lastError}` : "";
  return (
    <li data-testid="message-item" data-state={m.state} className="rounded-md border border-slate-200 p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span data-testid="message-state" className={`rounded px-2 py-0.5 text-xs font-semibold ${STATE_TONE[m.state] ?? "bg-slate-100"}`}>
          {tk(`messaging.state.${m.state}`)}
        </span>
        <span>{tk(`messaging.kind.${m.kind}`)}</span>
        <span className="text-slate-500">{m.locale === "en" ? t("messaging.langEn") : t("messaging.langJa")}</span>
        <span translate="no" className="break-all font-medium">
          {m.to}
        </span>
      </div>
      <p className="mt-1 text-xs text-slate-500">{t("format.jst", { at: new Date(m.sentAt ?? m.createdAt) })}</p>
      {m.state === "queued" && m.attempts > 0 && (
        <p className="mt-1 text-xs text-slate-600">
          {t("messaging.attempts", { count: m.attempts })} · {t("messaging.nextTry", { at: t("format.jst", { at: new Date(m.notBefore) }) })}
        </p>
      )}
      {reasonKey && isMessageKey(reasonKey) ? (
        <p className="mt-1 text-slate-700">{tk(reasonKey)}</p>
      ) : (
        (m.state === "failed" || m.state === "queued") &&
        m.lastError && (
          <p data-testid="message-error" className="mt-1 text-red-800">
            {t("messaging.smtpAnswer")}: <span translate="no" className="font-mono text-xs">{m.lastError}</span>
          </p>
        )
      )}
    </li>
  );
}
