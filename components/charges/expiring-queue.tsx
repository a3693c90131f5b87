"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import type { ChargeDto } from "@/lib/charges/dto";
import { useTranslations } from "next-intl";
import { DEADLINE_GROUPS, deadlineGroup, type DeadlineGroup } from "@/lib/charges/deadline-group";
import { fetchJson, pollJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ExpireDialog } from "@/components/charges/expire-dialog";
import { ExpiringRow } from "@/components/charges/expiring-row";
import { ReissueDialog } from "@/components/charges/reissue-dialog";
import { useNow } from "@/components/charges/use-now";
import { usePolling } from "@/components/charges/use-polling";

type Page = { data: ChargeDto[]; nextCursor: string | null };
type Props = { pageSize: number; initial: Page; canExpire: boolean };

const POLL_MS = 5000;

/**
 * Pending charges, soonest deadline first, in JST-day groups. The first page is polled like
 * the charge list; "show more" follows the deadline cursor. An expired row leaves at once.
 */
export function ExpiringQueue({ pageSize, initial, canExpire }: Readonly<Props>) {
  const t = useTranslations();
  const now = useNow();
  const [first, setFirst] = useState<Page>(initial);
  const [more, setMore] = useState<Page | null>(null);
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const [loadingMore, setLoadingMore] = useState(false);
  const [reissuing, setReissuing] = useState<ChargeDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const closeDialog = useCallback(() => setConfirming(null), []);

  const url = useCallback(
    (cursor?: string) => {
      const params = new URLSearchParams({ status: "pending", sort: "deadline", limit: String(pageSize) });
      if (cursor) params.set("cursor", cursor);
      return `/api/charges?${params.toString()}`;
    },
    [pageSize],
  );

  // Conditional: 304 until a charge changes (components/api/fetch-json.ts pollJson).
  const etag = useRef<string | null>(null);
  const refresh = useCallback(async () => {
    const res = await pollJson<Page>(url(), etag.current);
    if (!res.ok || !res.changed) return;
    etag.current = res.etag;
    setFirst(res.data);
  }, [url]);
  usePolling(refresh, POLL_MS);

  async function loadMore(cursor: string) {
    setLoadingMore(true);
    setError(null);
    const res = await fetchJson<Page>(url(cursor), {}, t("common.error"));
    setLoadingMore(false);
    if (!res.ok) return setError(res.error.message);
    setMore((prev) => ({ data: [...(prev?.data ?? []), ...res.data.data], nextCursor: res.data.nextCursor }));
  }

  async function expire(id: string, reason: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    const res = await fetchJson<ChargeDto>(`/api/charges/${id}/expire`, { method: "POST", body: reason ? { reason } : {} }, t("common.error"));
    setBusy(false);
    setConfirming(null);
    if (res.ok) {
      setGone((prev) => new Set(prev).add(id));
      setNotice(t("expiring.expired"));
    } else {
      setError(res.error.message);
    }
    // Either way the queue shows the charges' real state (a 409 means it moved on meanwhile).
    await refresh().catch(() => undefined);
  }

  const groups = useMemo(() => {
    const seen = new Set<string>();
    const rows = [...first.data, ...(more?.data ?? [])].filter((r) => r.status === "pending" && !gone.has(r.id) && !seen.has(r.id) && seen.add(r.id));
    const by = new Map<DeadlineGroup, ChargeDto[]>();
    for (const r of rows) {
      const g = deadlineGroup(r.expiresAt ? new Date(r.expiresAt) : null, now);
      by.set(g, [...(by.get(g) ?? []), r]);
    }
    return DEADLINE_GROUPS.flatMap((g) => (by.has(g) ? [{ group: g, rows: by.get(g) ?? [] }] : []));
  }, [first, more, gone, now]);
  const nextCursor = more ? more.nextCursor : first.nextCursor;

  return (
    <div className="space-y-4">
      {error && <Alert tone="error" testId="expiring-error">{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      {groups.length === 0 ? (
        <p data-testid="expiring-empty" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {t("expiring.empty")}
        </p>
      ) : (
        groups.map(({ group, rows }) => (
          <section key={group} data-testid={`expiring-group-${group}`} aria-labelledby={`expiring-${group}`}>
            <h2 id={`expiring-${group}`} className="mb-2 flex items-baseline gap-2 text-lg font-semibold">
              {t(`expiring.group.${group}`)}
              <span className="text-sm font-normal text-slate-500">{t("expiring.groupCount", { count: rows.length })}</span>
            </h2>
            <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
              {rows.map((charge) => (
                <ExpiringRow
                  key={charge.id}
                  charge={charge}
                  // Hidden while the dialog is open: only its button should answer to "期限切れにする".
                  canExpire={canExpire && confirming === null}
                  busy={busy}
                  onExpire={() => setConfirming(charge.id)}
                  extraActions={
                    canExpire && confirming === null && reissuing === null ? (
                      <Button variant="secondary" size="sm" disabled={busy} onClick={() => setReissuing(charge)} data-testid="expiring-reissue">
                        {t("reissue.button")}
                      </Button>
                    ) : null
                  }
                />
              ))}
            </ul>
          </section>
        ))
      )}
      {nextCursor && (
        <div className="flex justify-center">
          <Button variant="secondary" data-testid="show-more" disabled={loadingMore} onClick={() => void loadMore(nextCursor)}>
            {loadingMore ? t("charges.loading") : t("charges.more")}
          </Button>
        </div>
      )}
      {reissuing && <ReissueDialog chargeId={reissuing.id} amount={reissuing.amount} onCancel={() => setReissuing(null)} />}
      {confirming && <ExpireDialog busy={busy} onCancel={closeDialog} onConfirm={(reason) => void expire(confirming, reason)} />}
    </div>
  );
}
