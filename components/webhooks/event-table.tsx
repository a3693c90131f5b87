import Link from "next/link";
import { useTranslations } from "next-intl";
import { EventStateBadge } from "@/components/webhooks/event-state-badge";

type Row = { id: string; key: string; chargeId: string | null; receivedAt: string; processedAt: string | null; error: string | null; state: "unprocessed" | "failed" | "processed" };

/** The deliveries: a table from sm up, a card per event on a phone. */
export function EventTable({ rows }: Readonly<{ rows: Row[] }>) {
  const t = useTranslations();
  const at = (iso: string | null) => (iso ? t("format.jst", { at: new Date(iso) }) : t("webhooks.notYet"));
  const charge = (id: string | null) =>
    id ? (
      <Link href={`/charges/${id}`} className="break-all text-emerald-700 underline" translate="no">
        {id}
      </Link>
    ) : (
      t("webhooks.none")
    );
  const error = (e: string | null) => (e ? <span className="break-all text-red-700" translate="no">{e.slice(0, 200)}</span> : t("webhooks.none"));
  const open = (r: Row) => (
    <Link href={`/webhooks/${encodeURIComponent(r.id)}`} className="break-all font-mono text-sm text-emerald-700 underline" translate="no" data-testid="webhook-open">
      {r.id}
    </Link>
  );
  return (
    <>
      <table className="hidden w-full border-collapse text-sm sm:table" data-testid="webhook-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-500">
            {(["eventId", "key", "charge", "received", "processed", "state", "error"] as const).map((c) => (
              <th key={c} className="px-2 py-2 font-medium">
                {t(`webhooks.col.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="webhook-row" data-id={r.id} className="border-b border-slate-100 align-top">
              <td className="px-2 py-2">{open(r)}</td>
              <td className="px-2 py-2">
                <code translate="no">{r.key}</code>
              </td>
              <td className="px-2 py-2">{charge(r.chargeId)}</td>
              <td className="px-2 py-2">{at(r.receivedAt)}</td>
              <td className="px-2 py-2">{at(r.processedAt)}</td>
              <td className="px-2 py-2">
                <EventStateBadge state={r.state} />
              </td>
              <td className="max-w-xs px-2 py-2">{error(r.error)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ol className="space-y-2 sm:hidden" data-testid="webhook-cards">
        {rows.map((r) => (
          <li key={r.id} data-testid="webhook-card" data-id={r.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
            <div className="flex items-start justify-between gap-2">
              {open(r)}
              <EventStateBadge state={r.state} />
            </div>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-slate-500">{t("webhooks.col.key")}</dt>
              <dd>
                <code translate="no">{r.key}</code>
              </dd>
              <dt className="text-slate-500">{t("webhooks.col.charge")}</dt>
              <dd>{charge(r.chargeId)}</dd>
              <dt className="text-slate-500">{t("webhooks.col.received")}</dt>
              <dd>{at(r.receivedAt)}</dd>
              <dt className="text-slate-500">{t("webhooks.col.processed")}</dt>
              <dd>{at(r.processedAt)}</dd>
              {r.error && (
                <>
                  <dt className="text-slate-500">{t("webhooks.col.error")}</dt>
                  <dd>{error(r.error)}</dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}
