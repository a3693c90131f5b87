import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { getWebhookEvent } from "@/lib/webhooks/get-event";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EventStateBadge } from "@/components/webhooks/event-state-badge";
import { ProcessAgain } from "@/components/webhooks/process-again";
import { PageMessages } from "@/components/i18n/page-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("webhooks.detail.title") };
}

// GET /webhooks/:id – one stored delivery: its facts, its payload, "Process again".
export default async function WebhookEventPage({ params }: Readonly<{ params: Promise<{ id: string }> }>) {
  const { id } = await params;
  const user = await requirePageUser(`/webhooks/${encodeURIComponent(id)}`);
  const t = await getTranslations();
  if (!can(user, "manageWebhooks")) {
    return (
      <PageMessages namespaces={["webhooks"]}>
        <Alert tone="error" testId="forbidden">
          {t("err.forbidden")}
        </Alert>
      </PageMessages>
    );
  }
  const event = await getWebhookEvent({ actor: user, id }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const at = (iso: string | null) => (iso ? t("format.jst", { at: new Date(iso) }) : t("webhooks.notYet"));
  const facts: [string, React.ReactNode][] = [
    [t("webhooks.col.eventId"), <code key="id" translate="no" className="break-all">{event.id}</code>],
    [t("webhooks.col.key"), <code key="key" translate="no">{event.key}</code>],
    [
      t("webhooks.col.charge"),
      event.chargeId ? (
        <Link key="c" href={`/charges/${event.chargeId}`} className="break-all text-emerald-700 underline" translate="no">
          {event.chargeId}
        </Link>
      ) : (
        t("webhooks.none")
      ),
    ],
    [t("webhooks.col.received"), at(event.receivedAt)],
    [t("webhooks.col.processed"), <span key="p" data-testid="webhook-processed-at">{at(event.processedAt)}</span>],
    [t("webhooks.col.state"), <EventStateBadge key="s" state={event.state} />],
  ];
  return (
    <PageMessages namespaces={["webhooks"]}>
      <div className="space-y-4">
        <Link href="/webhooks" className="text-sm text-emerald-700 underline">
          {t("webhooks.detail.back")}
        </Link>
        <h1 className="text-2xl font-bold">{t("webhooks.detail.title")}</h1>
        <Card>
          <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]" data-testid="webhook-facts">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {event.error && (
            <div className="mt-3">
              <Alert tone={event.state === "processed" ? "warning" : "error"} testId="webhook-event-error">
                {event.state === "processed" ? t("webhooks.detail.noteTitle") : t("webhooks.col.error")}
                {": "}
                <span translate="no" className="break-all">{event.error}</span>
              </Alert>
            </div>
          )}
          <div className="mt-4">
            <ProcessAgain eventId={event.id} />
          </div>
        </Card>
        <Card title={t("webhooks.detail.payload")}>
          <pre translate="no" data-testid="webhook-payload" className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-3 font-mono text-xs text-slate-800">
            {JSON.stringify(event.payload, null, 2)}
          </pre>
        </Card>
      </div>
    </PageMessages>
  );
}
