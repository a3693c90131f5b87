import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import type { Tab } from "@/components/charges/status-tabs";

/** A plain GET form: works before hydration and keeps the search in the URL (shareable, back button). */
export function SearchForm({ status, q }: Readonly<{ status: Tab; q?: string }>) {
  const t = useTranslations();
  return (
    <form method="get" action="/charges" role="search" className="flex w-full gap-2 sm:max-w-md">
      <input type="hidden" name="status" value={status} />
      <input
        type="search"
        name="q"
        defaultValue={q}
        maxLength={100}
        aria-label={t("charges.search")}
        // The full list is the accessible name; the placeholder is short enough for a 390 px phone.
        placeholder={t("charges.searchShort")}
        className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
      />
      <button type="submit" className={buttonClass("secondary")}>
        {t("charges.searchButton")}
      </button>
    </form>
  );
}
