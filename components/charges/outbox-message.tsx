import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { MessageDto } from "@/lib/messages/dto";
import { isMessageKey } from "@/lib/i18n/catalog";

/** One message as the customer sees it: from, to, subject and the text body (data, not translated). */
export async function OutboxMessage({ message: m }: Readonly<{ message: MessageDto }>) {
  const t = await getTranslations();
  const state = `messaging.state.${m.state}`;
  return (
    <article data-testid="outbox-message" data-state={m.state} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="space-y-1 border-b border-slate-200 bg-slate-50 p-3 text-sm sm:p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">{isMessageKey(state) ? t(state as "messaging.state.queued") : m.state}</span>
          <span className="text-xs text-slate-500">{t("format.jst", { at: new Date(m.sentAt ?? m.createdAt) })}</span>
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-500">{t("outbox.from")}</dt>
          <dd translate="no" data-testid="outbox-from" className="break-all">
            {m.from ?? "—"}
          </dd>
          <dt className="text-slate-500">{t("outbox.to")}</dt>
          <dd translate="no" data-testid="outbox-to" className="break-all">
            {m.to}
          </dd>
          <dt className="text-slate-500">{t("outbox.subject")}</dt>
          <dd translate="no" data-testid="outbox-subject" lang={m.locale} className="font-semibold">
            {m.subject ?? "—"}
          </dd>
        </dl>
      </header>
      {m.textBody ? (
        <pre translate="no" lang={m.locale} data-testid="outbox-body" className="whitespace-pre-wrap break-words p-3 font-sans text-sm leading-relaxed sm:p-4">
          {m.textBody}
        </pre>
      ) : (
        <p className="p-3 text-sm text-slate-500 sm:p-4">{t("outbox.notRendered")}</p>
      )}
      <footer className="border-t border-slate-100 px-3 py-2 text-sm sm:px-4">
        <Link href={`/charges/${encodeURIComponent(m.chargeId)}`} className="text-emerald-700 hover:underline">
          {t("outbox.charge")} →
        </Link>
      </footer>
    </article>
  );
}
