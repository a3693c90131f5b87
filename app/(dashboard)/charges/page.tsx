import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { listCharges } from "@/lib/charges/list-charges";
import { chargesEtag, getChangeVersion, getChargeCounts } from "@/lib/charges/counts";
import { buttonClass } from "@/components/ui/button";
import { TABS, type Tab } from "@/components/charges/status-tabs";
import { SearchForm } from "@/components/charges/search-form";
import { LiveChargeList } from "@/components/charges/live-charge-list";
import { ExportButton } from "@/components/export/export-button";

const PAGE_SIZE = 25;

type SearchParams = { status?: string | string[]; q?: string | string[] };

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
  const q = single(sp.q)?.trim().slice(0, 100) || undefined;

  // Read before the rows, so a change committed in between is fetched by the first poll.
  const etag = chargesEtag(await getChangeVersion());
  const [page, counts] = await Promise.all([
    listCharges({ query: { status, q, limit: PAGE_SIZE } }),
    getChargeCounts({ q }),
  ]);

  return (
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
      <SearchForm status={status} q={q} />
      {/* Keyed so a new tab or search starts from the server's rows and counts, not the old list's state. */}
      <LiveChargeList key={`${status}|${q ?? ""}`} status={status} q={q} pageSize={PAGE_SIZE} initial={page} initialCounts={counts} initialEtag={etag} />
    </div>
  );
}
