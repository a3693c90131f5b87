import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { getWebhookHealth } from "@/lib/webhooks/get-webhook-health";
import { keyTranslator } from "@/lib/i18n/translate-key";
import { Card } from "@/components/ui/card";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("nav.health") };
}

type Row = { label: string; value: React.ReactNode; testId: string; warn?: boolean; extra?: React.ReactNode };

/** A code (an event key, a rejection reason) shown as written, beside or instead of words. */
const Code = ({ children }: Readonly<{ children: React.ReactNode }>) => (
  <code translate="no" className="font-mono text-sm text-slate-500">
    {children}
  </code>
);

// Webhook health: is Omise reaching us, is anything stuck, and did the last
// reconciliation have to correct anything.
export default async function HealthPage() {
  const user = await requirePageUser("/health");
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  const tk = keyTranslator(locale);
  const h = await getWebhookHealth();
  const when = (iso: string | null) => (iso ? t("format.jst", { at: new Date(iso) }) : t("health.none"));
  const last = h.rejected.last;
  const rows: Row[] = [
    {
      label: t("health.lastEvent"),
      value: h.lastEventAt ? (
        <>
          {when(h.lastEventAt)} · <Code>{h.lastEventKey}</Code>
        </>
      ) : (
        t("health.none")
      ),
      testId: "health-last-event",
    },
    { label: t("health.events24h"), value: format.number(h.eventsLast24h), testId: "health-events-24h" },
    {
      label: t("health.unprocessed"),
      value: format.number(h.unprocessed),
      testId: "health-unprocessed",
      // Admins can see the deliveries themselves (the webhook log is theirs only).
      extra: can(user, "manageWebhooks") ? (
        <Link href="/webhooks" className="ml-3 text-sm font-normal text-emerald-700 underline" data-testid="health-webhooks-link">
          {t("webhooks.healthLink")}
        </Link>
      ) : null,
      warn: h.unprocessed > 0,
    },
    {
      label: t("health.rejected"),
      // The reason is a code from lib/omise/signature.ts: translated, with the code beside it.
      value: last ? (
        <>
          {t("health.rejectedLast", { count: h.rejected.count, time: when(last.at), reason: tk(`health.reject.${last.reason}`) })} <Code>{last.reason}</Code>
        </>
      ) : (
        format.number(h.rejected.count)
      ),
      testId: "health-rejected",
      warn: h.rejected.count > 0,
    },
    {
      label: t("health.omise"),
      value: h.omise.state === "closed" ? t("health.omiseOk") : t("health.omiseDown", { time: when(h.omise.retryAt) }),
      testId: "health-omise",
      warn: h.omise.state !== "closed",
    },
  ];
  const run = h.lastRun;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("health.title")}</h1>
      <Card>
        <dl className="divide-y divide-slate-100">
          {rows.map((r) => (
            <div key={r.testId} className="grid gap-1 py-3 sm:grid-cols-3">
              <dt className="text-sm text-slate-500">{r.label}</dt>
              <dd className={`sm:col-span-2 ${r.warn ? "font-semibold text-amber-800" : ""}`}>
                <span data-testid={r.testId}>{r.value}</span>
                {r.extra}
              </dd>
            </div>
          ))}
          <div className="grid gap-1 py-3 sm:grid-cols-3">
            <dt className="text-sm text-slate-500">{t("health.lastRun")}</dt>
            <dd data-testid="health-last-run" className="sm:col-span-2">
              {run ? (
                <>
                  <span>{when(run.finishedAt ?? run.startedAt)}</span>
                  <span className="block text-sm text-slate-600">
                    {t("health.runChanged", { checked: run.chargesChecked, changed: run.chargesChanged, resolved: run.attemptsResolved, seen: run.eventsSeen })}
                  </span>
                  {run.error && (
                    <span className="block text-sm text-red-700">
                      {t("health.runError")}
                      {": "}
                      <span translate="no">{run.error}</span>
                    </span>
                  )}
                </>
              ) : (
                t("health.none")
              )}
            </dd>
          </div>
        </dl>
        {h.omise.lastSuccessAt && <p className="pt-3 text-xs text-slate-500">{t("health.lastGood", { time: when(h.omise.lastSuccessAt) })}</p>}
      </Card>
    </div>
  );
}
