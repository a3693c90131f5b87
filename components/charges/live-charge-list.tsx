"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import type { ChargeListRow } from "@/lib/charges/dto";
import { useTranslations } from "next-intl";
import { fetchJson, pollJson } from "@/components/api/fetch-json";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { ChargeRow } from "@/components/charges/charge-row";
import { usePolling } from "@/components/charges/use-polling";
import { StatusTabs, type Tab, type TabCounts as Counts } from "@/components/charges/status-tabs";

// The API answers full ChargeDtos; a row needs only ChargeListRow (what the page sends first).
type Page = { data: ChargeListRow[]; nextCursor: string | null };
// `params`: search, filters and order as a query string (the page's URL without status), sent with every poll and page.
type Props = { status: Tab; params: string; pageSize: number; initial: Page; initialCounts: Counts; initialEtag?: string };

const POLL_MS = 5000;

/**
 * The tabs and the list, kept current by one request per poll (first page + counts). The
 * server renders the first state; nothing here re-runs the page on the server.
 */
export function LiveChargeList({ status, params: listParams, pageSize, initial, initialCounts, initialEtag }: Readonly<Props>) {
  const t = useTranslations();
  const [first, setFirst] = useState<Page>(initial);
  const [counts, setCounts] = useState<Counts>(initialCounts);
  // Pages loaded with "show more"; null until the first one is loaded.
  const [more, setMore] = useState<Page | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);

  const url = useCallback(
    (cursor?: string) => {
      const params = new URLSearchParams(listParams);
      params.set("status", status);
      params.set("limit", String(pageSize));
      if (cursor) params.set("cursor", cursor);
      else params.set("counts", "1");
      return `/api/charges?${params.toString()}`;
    },
    [status, listParams, pageSize],
  );

  // The version the first page was read at: a poll with it answers 304 until a charge changes.
  const etag = useRef<string | null>(initialEtag ?? null);
  const refreshFirstPage = useCallback(async () => {
    const res = await pollJson<Page & { counts: Counts }>(url(), etag.current);
    setStale(!res.ok);
    if (!res.ok || !res.changed) return;
    etag.current = res.etag;
    const { counts: latest, ...page } = res.data;
    setFirst(page);
    setCounts(latest);
  }, [url]);

  usePolling(refreshFirstPage, POLL_MS);

  async function loadMore(cursor: string) {
    setLoadingMore(true);
    setMoreError(null);
    const res = await fetchJson<Page>(url(cursor), {}, t("common.error"));
    setLoadingMore(false);
    if (!res.ok) {
      setMoreError(res.error.message);
      return;
    }
    setMore((prev) => ({ data: [...(prev?.data ?? []), ...res.data.data], nextCursor: res.data.nextCursor }));
  }

  // New charges push rows down, so a loaded page can repeat rows of the first page.
  const rows = useMemo(() => {
    const seen = new Set(first.data.map((r) => r.id));
    return [...first.data, ...(more?.data ?? []).filter((r) => !seen.has(r.id))];
  }, [first, more]);
  const nextCursor = more ? more.nextCursor : first.nextCursor;

  return (
    <div className="space-y-3">
      <StatusTabs active={status} counts={counts} params={listParams} />
      <p data-testid="live-indicator" className="flex items-center gap-2 text-xs text-slate-500">
        <span className="relative flex h-2.5 w-2.5" aria-hidden="true">
          {!stale && <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-400 opacity-60" />}
          <span className={`relative inline-flex h-2.5 w-2.5 rounded-full ${stale ? "bg-slate-400" : "bg-emerald-500"}`} />
        </span>
        {stale ? t("charges.liveError") : t("charges.live")}
      </p>

      {rows.length === 0 ? (
        <p data-testid="charges-empty" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {t("charges.empty")}
        </p>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          {/* Fixed column widths from md up: rows loaded later (the next page, a poll) with wider
              names or amounts must not re-flow every column under the reader (layout shift). */}
          <table data-testid="charges-table" className="block w-full text-left md:table md:table-fixed">
            <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-500 md:table-header-group">
              <tr>
                <th scope="col" className="hidden px-3 py-2 md:table-cell md:w-28">{t("charges.col.created")}</th>
                <th scope="col" className="px-3 py-2">{t("charges.col.customer")}</th>
                <th scope="col" className="px-3 py-2 text-right md:w-28">{t("charges.col.amount")}</th>
                <th scope="col" className="px-3 py-2 md:w-28">{t("charges.col.status")}</th>
                <th scope="col" className="px-3 py-2 md:w-36">{t("charges.col.deadline")}</th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell md:w-28 lg:w-36">{t("charges.col.by")}</th>
              </tr>
            </thead>
            <tbody className="block md:table-row-group">
              {rows.map((charge) => (
                <ChargeRow key={charge.id} charge={charge} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {moreError && <Alert tone="error">{moreError}</Alert>}
      {nextCursor && (
        // Keyed by the cursor: each page's button is a new element, so the rows it loads push
        // nothing that was on screen (the old button goes, a new one comes after the rows).
        <div key={nextCursor} className="flex justify-center">
          <Button variant="secondary" data-testid="show-more" disabled={loadingMore} onClick={() => void loadMore(nextCursor)}>
            {loadingMore ? t("charges.loading") : t("charges.more")}
          </Button>
        </div>
      )}
    </div>
  );
}
