import Link from "next/link";
import { useTranslations } from "next-intl";

// A copy of EVENT_STATES (its module is server-only), with "all" first.
export const STATE_TABS = ["all", "unprocessed", "failed", "processed"] as const;
export type StateTab = (typeof STATE_TABS)[number];

export const stateHref = (tab: StateTab) => (tab === "all" ? "/webhooks" : `/webhooks?state=${tab}`);

/** The state filter: links, so a filtered view can be bookmarked. No counts (no full-table count on a page load). */
export function StateTabs({ active }: Readonly<{ active: StateTab }>) {
  const t = useTranslations();
  return (
    <nav aria-label={t("webhooks.col.state")}>
      <ul className="grid grid-cols-4 border-b border-slate-200 sm:flex sm:gap-1">
        {STATE_TABS.map((tab) => (
          <li key={tab}>
            <Link
              href={stateHref(tab)}
              data-testid={`webhook-tab-${tab}`}
              aria-current={tab === active ? "page" : undefined}
              className={`-mb-px block whitespace-nowrap border-b-2 px-1 py-2 text-center text-sm font-medium sm:px-3 ${
                tab === active ? "border-emerald-600 text-emerald-800" : "border-transparent text-slate-600 hover:text-slate-900"
              }`}
            >
              {t(`webhooks.tabs.${tab}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
