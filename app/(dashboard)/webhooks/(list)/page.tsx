import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { listWebhookEvents, type WebhookEventPage } from "@/lib/webhooks/list-events";
import { jstWallClock, DAY_MS } from "@/lib/time/jst";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { EventTable } from "@/components/webhooks/event-table";
import { FetchForm } from "@/components/webhooks/fetch-form";
import { STATE_TABS, StateTabs, stateHref, type StateTab } from "@/components/webhooks/state-tabs";
import { PageMessages } from "@/components/i18n/page-messages";

export const dynamic = "force-dynamic";
const PAGE_SIZE = 50;
const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
// The JST wall clock as a datetime-local input shows it: "2026-12-01T09:30".
const jstInput = (d: Date) => jstWallClock(d).toISOString().slice(0, 16);
// The inputs have minutes only: the default end is the next minute, so what just happened is in the window.
const MINUTE_MS = 60_000;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("webhooks.title") };
}

// GET /webhooks?state=&cursor= – the stored deliveries, newest first (admins).
export default async function WebhooksPage({ searchParams }: Readonly<{ searchParams: Promise<Record<"state" | "cursor", string | string[] | undefined>> }>) {
  const user = await requirePageUser("/webhooks");
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
  const sp = await searchParams;
  const requested = single(sp.state);
  const tab: StateTab = STATE_TABS.find((s) => s === requested) ?? "all";
  const cursor = single(sp.cursor);
  let page: WebhookEventPage = { data: [], nextCursor: null };
  let problem: string | null = null;
  try {
    page = await listWebhookEvents({ actor: user, query: { state: tab === "all" ? requested : tab, cursor, limit: PAGE_SIZE } });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const first = Object.values(err.fields ?? {})[0]?.[0];
    problem = first && t.has(first as never) ? t(first as never) : t("webhooks.loadError");
  }
  const base = stateHref(tab);
  const nextHref = page.nextCursor ? `${base}${base.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(page.nextCursor)}` : null;
  const now = new Date();
  return (
    <PageMessages namespaces={["webhooks"]}>
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-bold">{t("webhooks.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("webhooks.intro")}</p>
        </div>
        <Card title={t("webhooks.fetch.title")}>
          <FetchForm defaultFrom={jstInput(new Date(now.getTime() - DAY_MS))} defaultTo={jstInput(new Date(now.getTime() + MINUTE_MS))} />
        </Card>
        <StateTabs active={tab} />
        {problem && (
          <Alert tone="error" testId="webhook-error">
            {problem}
          </Alert>
        )}
        {!problem && page.data.length === 0 && (
          <p className="text-sm text-slate-600" data-testid="webhook-empty">
            {t("webhooks.empty")}
          </p>
        )}
        {page.data.length > 0 && <EventTable rows={page.data} />}
        <div className="flex flex-wrap gap-3">
          {cursor && (
            <Link href={base} className={buttonClass("secondary")} data-testid="webhook-first">
              {t("webhooks.first")}
            </Link>
          )}
          {nextHref && (
            <Link href={nextHref} className={buttonClass("secondary")} data-testid="webhook-next">
              {t("webhooks.next")}
            </Link>
          )}
        </div>
      </div>
    </PageMessages>
  );
}
