import Link from "next/link";
import type { StatusTab } from "@/lib/charges/list-charges";
import { useFormatter, useTranslations } from "next-intl";

// A copy of STATUS_TABS (its module is server-only); `satisfies` keeps the two in step.
export const TABS = ["pending", "successful", "expired", "failed", "all"] as const satisfies readonly StatusTab[];
export type Tab = StatusTab;

// `capped`: a search, amount or deadline filter counts up to a limit; the tabs then read "10,000+" and "n+".
export type TabCounts = Record<Tab, number> & { capped?: boolean };
// `params`: the list's other parameters (search, filters, order) as a query string, kept by every tab.
type Props = { active: Tab; counts: TabCounts; params?: string };

export function tabHref(status: Tab, params?: string): string {
  const query = new URLSearchParams(params);
  query.delete("status");
  return `/charges?${new URLSearchParams([["status", status], ...query]).toString()}`;
}

export function StatusTabs({ active, counts, params }: Readonly<Props>) {
  const t = useTranslations();
  const format = useFormatter();
  return (
    // Below sm the five tabs share the width (label over count), so none is hidden off-screen.
    <nav aria-label={t("charges.col.status")}>
      <ul className="grid grid-cols-5 border-b border-slate-200 sm:flex sm:gap-1">
        {TABS.map((tab) => {
          const current = tab === active;
          return (
            <li key={tab}>
              <Link
                href={tabHref(tab, params)}
                data-testid={`status-tab-${tab}`}
                aria-current={current ? "page" : undefined}
                className={`-mb-px flex flex-col items-center gap-1 whitespace-nowrap border-b-2 px-1 py-2 text-sm font-medium sm:flex-row sm:gap-2 sm:px-3 ${
                  current ? "border-emerald-600 text-emerald-800" : "border-transparent text-slate-600 hover:text-slate-900"
                }`}
              >
                {t(`status.${tab}`)}
                <span
                  data-testid="status-tab-count"
                  className={`rounded-full px-2 py-0.5 text-xs tabular-nums ${current ? "bg-emerald-100" : "bg-slate-100"}`}
                >
                  {counts.capped ? t("views.countAtLeast", { count: format.number(counts[tab]) }) : format.number(counts[tab])}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
