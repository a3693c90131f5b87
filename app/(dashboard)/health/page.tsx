import { requirePageUser } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { formatJst } from "@/lib/format";
import { getWebhookHealth } from "@/lib/webhooks/get-webhook-health";
import { Card } from "@/components/ui/card";

export const dynamic = "force-dynamic";

// Webhook health: is Omise reaching us, is anything stuck, and did the last
// reconciliation have to correct anything.
export default async function HealthPage() {
  await requirePageUser("/health");
  const { locale, t } = await getT();
  const h = await getWebhookHealth();
  const when = (iso: string | null) => (iso ? formatJst(iso, locale) : t("health.none"));
  const rows: { label: string; value: string; testId: string; warn?: boolean }[] = [
    { label: t("health.lastEvent"), value: h.lastEventAt ? `${when(h.lastEventAt)} · ${h.lastEventKey}` : t("health.none"), testId: "health-last-event" },
    { label: t("health.events24h"), value: String(h.eventsLast24h), testId: "health-events-24h" },
    { label: t("health.unprocessed"), value: String(h.unprocessed), testId: "health-unprocessed", warn: h.unprocessed > 0 },
    { label: t("health.rejected"), value: h.rejected.last ? `${h.rejected.count} (${when(h.rejected.last.at)}: ${h.rejected.last.reason})` : String(h.rejected.count), testId: "health-rejected", warn: h.rejected.count > 0 },
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
              <dd data-testid={r.testId} className={`sm:col-span-2 ${r.warn ? "font-semibold text-amber-800" : ""}`}>
                {r.value}
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
                  {run.error && <span className="block text-sm text-red-700">{t("health.runError", { error: run.error })}</span>}
                </>
              ) : (
                t("health.none")
              )}
            </dd>
          </div>
        </dl>
        {h.omise.lastSuccessAt && (
          <p className="pt-3 text-xs text-slate-500">{t("health.lastGood", { time: when(h.omise.lastSuccessAt) })}</p>
        )}
      </Card>
    </div>
  );
}
