import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { listCharges } from "@/lib/charges/list-charges";
import { toChargeListRow } from "@/lib/charges/dto";
import { chargesEtag, getChangeVersion, getChargeCounts } from "@/lib/charges/counts";
import { readListQuery } from "@/lib/views/view-query";
import { listViews } from "@/lib/views/saved-views";
import { listUserNames } from "@/lib/users/list-user-names";
import { buttonClass } from "@/components/ui/button";
import { TABS, type Tab } from "@/components/charges/status-tabs";
import { FilterBar } from "@/components/charges/filter-bar";
import { SavedViews } from "@/components/charges/saved-views";
import { LiveChargeList } from "@/components/charges/live-charge-list";
import { ExportButton } from "@/components/export/export-button";
import { PageMessages } from "@/components/i18n/page-messages";

const PAGE_SIZE = 25;
// What the filter bar shows back: the list's parameters as typed in the URL.
const FIELDS = ["q", "sort", "from", "to", "deadlineFrom", "deadlineTo", "amountMin", "amountMax", "staff"] as const;

type SearchParams = Record<string, string | string[] | undefined>;

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const isTab = (v: string | undefined): v is Tab => (TABS as readonly string[]).includes(v ?? "");

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("charges.title") };
}

export default async function ChargesPage({ searchParams }: Readonly<{ searchParams: Promise<SearchParams> }>) {
  const user = await requirePageUser("/charges");
  const t = await getTranslations();
  const sp = await searchParams;
  const raw = single(sp.status);
  const status: Tab = isTab(raw) ? raw : "all";
  const url = new URLSearchParams(Object.entries(sp).flatMap(([k, v]) => (single(v) === undefined ? [] : [[k, single(v) as string]])));
  url.set("status", status);
  const values = Object.fromEntries(FIELDS.map((k) => [k, url.get(k) ?? undefined]));
  const read = readListQuery(url);
  const errors = read.ok ? {} : Object.fromEntries(Object.entries(read.fields).map(([k, keys]) => [k, keys.map((key) => (t.has(key as never) ? t(key as never) : t("v.invalid")))]));

  // Read before the rows, so a change committed in between is fetched by the first poll.
  const etag = chargesEtag(await getChangeVersion());
  const [listed, staff, views] = await Promise.all([
    read.ok ? Promise.all([listCharges({ query: { ...Object.fromEntries(url), limit: PAGE_SIZE } }), getChargeCounts({ q: read.query.q, filters: read.query })]) : null,
    listUserNames(),
    listViews({ actor: user }),
  ]);
  const params = new URLSearchParams(read.ok ? read.normalised : "");
  params.delete("status");

  return (
    <PageMessages namespaces={["charges", "csvExport", "duration", "format", "status", "views"]}>
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">{t("charges.title")}</h1>
          <ExportButton endpoint="/api/charges/export" kind="charges" />
          {can(user, "createCharge") && (
            <Link href="/charges/new" className={buttonClass("primary")}>
              + {t("nav.new")}
            </Link>
          )}
        </div>
        {/* Keyed so a submitted filter set starts from the URL's values. */}
        <FilterBar key={url.toString()} status={status} values={values} errors={errors} staff={staff} />
        <SavedViews initial={views} currentQuery={read.ok ? read.normalised : null} canShare={can(user, "shareView")} />
        {/* Keyed so a new tab, search or filter starts from the server's rows and counts, not the old list's state. */}
        {listed && read.ok && (
          <LiveChargeList key={read.normalised} status={status} params={params.toString()} pageSize={PAGE_SIZE} initial={{ data: listed[0].data.map(toChargeListRow), nextCursor: listed[0].nextCursor }} initialCounts={listed[1]} initialEtag={etag} />
        )}
      </div>
    </PageMessages>
  );
}
