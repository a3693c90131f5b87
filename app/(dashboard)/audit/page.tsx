import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { AUDIT_ACTIONS, listAudit, type AuditPage } from "@/lib/audit/list-audit";
import { listUsers } from "@/lib/users/manage-users";
import { AppError } from "@/lib/errors";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { ExportButton } from "@/components/export/export-button";
import { PageMessages } from "@/components/i18n/page-messages";

type SearchParams = Record<"actor" | "action" | "from" | "to" | "cursor", string | string[] | undefined>;
const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const PAGE_SIZE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("audit.title") };
}

const ACTION_KEYS = {
  "auth.sign_in": "audit.actions.auth_sign_in",
  "auth.sign_in_failed": "audit.actions.auth_sign_in_failed",
  "auth.sign_in_throttled": "audit.actions.auth_sign_in_throttled",
  "auth.sign_out": "audit.actions.auth_sign_out",
  "user.create": "audit.actions.user_create",
  "user.update": "audit.actions.user_update",
  "charge.create": "audit.actions.charge_create",
  "charge.expire": "audit.actions.charge_expire",
  "charge.reissue": "audit.actions.charge_reissue",
  "charge.sync": "audit.actions.charge_sync",
  "refund.request": "refunds.audit.request",
  "refund.transfer": "refunds.audit.transfer",
  "refund.cancel": "refunds.audit.cancel",
  "refund.reveal": "refunds.audit.reveal",
  "webhook.process": "webhooks.auditActions.process",
  "webhook.fetch": "webhooks.auditActions.fetch",
  "charge.export": "csvExport.actions.charge_export",
  "audit_log.export": "csvExport.actions.audit_export",
} as const satisfies Record<(typeof AUDIT_ACTIONS)[number], string>;

export default async function AuditPageView({ searchParams }: Readonly<{ searchParams: Promise<SearchParams> }>) {
  const user = await requirePageUser("/audit");
  const t = await getTranslations();
  if (!can(user, "readAudit")) {
    return (
      <PageMessages namespaces={["csvExport"]}>
        <Alert tone="error" testId="forbidden">
          {t("err.forbidden")}
        </Alert>
      </PageMessages>
    );
  }
  const sp = await searchParams;
  const filters = { actor: single(sp.actor), action: single(sp.action), from: single(sp.from), to: single(sp.to) };
  let page: AuditPage = { data: [], nextCursor: null };
  let problem: string | null = null;
  try {
    page = await listAudit({ actor: user, query: { ...filters, cursor: single(sp.cursor), limit: PAGE_SIZE } });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const first = Object.values(err.fields ?? {})[0]?.[0];
    problem = t.has(first as never) ? t(first as never) : t(err.message as never);
  }
  const users = await listUsers({ actor: user });
  const actionLabel = (action: string) =>
    action in ACTION_KEYS ? t(ACTION_KEYS[action as keyof typeof ACTION_KEYS]) : t("audit.actions.other");
  const kept = Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
  const nextHref = page.nextCursor ? `/audit?${new URLSearchParams({ ...kept, cursor: page.nextCursor })}` : null;
  const input = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

  return (
    <PageMessages namespaces={["csvExport"]}>
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t("audit.title")}</h1>
        <Card title={t("audit.filters")}>
          <form method="get" action="/audit" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" data-testid="audit-filters">
            <label className="text-sm">
              {t("audit.actor")}
              <select name="actor" defaultValue={filters.actor ?? ""} className={input} data-testid="audit-actor">
                <option value="">{t("audit.actorAll")}</option>
                {users.map((u) => (
                  <option key={u.id} value={u.id} translate="no">
                    {u.name} ({u.email})
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              {t("audit.action")}
              <select name="action" defaultValue={filters.action ?? ""} className={input} data-testid="audit-action">
                <option value="">{t("audit.actionAll")}</option>
                {AUDIT_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {actionLabel(a)}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              {t("audit.from")}
              <input type="date" name="from" defaultValue={filters.from} className={input} data-testid="audit-from" />
            </label>
            <label className="text-sm">
              {t("audit.to")}
              <input type="date" name="to" defaultValue={filters.to} className={input} data-testid="audit-to" />
            </label>
            <div className="flex items-end gap-2">
              <button type="submit" className={buttonClass("primary")} data-testid="audit-submit">
                {t("audit.filter")}
              </button>
              <Link href="/audit" className={buttonClass("secondary")}>
                {t("audit.reset")}
              </Link>
            </div>
          </form>
        </Card>
        <ExportButton endpoint="/api/audit/export" kind="audit" />
        {problem && (
          <Alert tone="error" testId="audit-error">
            {problem}
          </Alert>
        )}
        {!problem && page.data.length === 0 && <p className="text-sm text-slate-600" data-testid="audit-empty">{t("audit.empty")}</p>}
        <ol className="space-y-2" data-testid="audit-rows">
          {page.data.map((r) => (
            <li key={r.id} data-testid="audit-row" data-action={r.action} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                <span className="font-semibold">
                  {actionLabel(r.action)} <code className="text-xs font-normal text-slate-500" translate="no">{r.action}</code>
                </span>
                <time dateTime={r.at} className="text-slate-600">
                  {t("format.jst", { at: new Date(r.at) })}
                </time>
              </div>
              <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
                <dt className="text-slate-500">{t("audit.actor")}</dt>
                <dd className="break-all">{r.actorEmail ? <span translate="no">{r.actorEmail}</span> : t("audit.unknownActor")}</dd>
                {r.targetId && (
                  <>
                    <dt className="text-slate-500">{t("audit.target")}</dt>
                    <dd className="break-all">
                      {r.targetType === "charge" ? (
                        <>
                          {t("audit.targetCharge")} <Link href={`/charges/${r.targetId}`} className="text-emerald-700 underline" translate="no">{r.targetId}</Link>
                        </>
                      ) : (
                        <>
                          {r.targetType === "user" ? t("audit.targetUser") : <span translate="no">{r.targetType}</span>} <span translate="no">{r.targetId}</span>
                        </>
                      )}
                    </dd>
                  </>
                )}
                {r.ip && (
                  <>
                    <dt className="text-slate-500">{t("audit.ip")}</dt>
                    <dd translate="no">{r.ip}</dd>
                  </>
                )}
                {r.reason && (
                  <>
                    <dt className="text-slate-500">{t("audit.reason")}</dt>
                    <dd className="break-all" translate="no">{r.reason}</dd>
                  </>
                )}
                {r.detail != null && (
                  <>
                    <dt className="text-slate-500">{t("audit.detail")}</dt>
                    <dd>
                      <code className="block break-all text-xs text-slate-700" translate="no">{JSON.stringify(r.detail).slice(0, 500)}</code>
                    </dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ol>
        <div className="flex flex-wrap gap-3">
          {single(sp.cursor) && (
            <Link href={`/audit?${new URLSearchParams(kept)}`} className={buttonClass("secondary")}>
              {t("audit.first")}
            </Link>
          )}
          {nextHref && (
            <Link href={nextHref} className={buttonClass("secondary")} data-testid="audit-next">
              {t("audit.next")}
            </Link>
          )}
        </div>
      </div>
    </PageMessages>
  );
}
