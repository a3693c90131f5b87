"use client";

import type { FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import type { Tab } from "@/components/charges/status-tabs";

// The names in the URL (lib/charges/filters.ts FILTER_PARAMS, plus sort and q), in the bar's order.
const DAYS = ["from", "to", "deadlineFrom", "deadlineTo"] as const;
const AMOUNTS = ["amountMin", "amountMax"] as const;
type Field = (typeof DAYS)[number] | (typeof AMOUNTS)[number] | "staff" | "sort" | "q";

type Props = {
  status: Tab;
  values: Partial<Record<Field, string>>;
  /** Per-field messages, already in the user's language (the list schema's 422 fields). */
  errors: Record<string, string[]>;
  staff: { id: string; name: string }[];
};

const control = (bad: boolean) =>
  `mt-1 w-full min-w-0 rounded-md border bg-white px-3 py-2 text-base sm:text-sm ${bad ? "border-red-500 ring-1 ring-red-500" : "border-slate-300"}`;

/**
 * Search, status-independent filters and order, all in the URL: applied on submit (a plain GET
 * form before hydration; afterwards blank fields are left out of the URL). Below sm the filters
 * fold behind a "Filters" toggle; they open by themselves when one is wrong. The toggle is a
 * checkbox and CSS (peer-checked), so it opens the panel before the page's script has loaded.
 */
export function FilterBar({ status, values, errors, staff }: Readonly<Props>) {
  const t = useTranslations();
  const router = useRouter();
  const bad = Object.keys(errors).length > 0;
  const active = [...DAYS, ...AMOUNTS, "staff" as const].filter((k) => values[k]).length + (values.sort && values.sort !== "created" ? 1 : 0);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(e.currentTarget)) if (typeof v === "string" && v.trim() !== "" && !(k === "sort" && v === "created")) params.set(k, v.trim());
    router.push(`/charges?${params.toString()}`);
  }

  const err = (k: Field) =>
    errors[k]?.length ? (
      <span id={`filter-${k}-error`} data-testid={`filter-error-${k}`} className="mt-1 block text-sm font-medium text-red-700">
        {errors[k].join(" ")}
      </span>
    ) : null;
  const described = (k: Field) => (errors[k]?.length ? `filter-${k}-error` : undefined);
  const label = (k: Field, children: React.ReactNode) => (
    <div key={k}>
      <label className="block text-sm font-medium text-slate-700">
        {t(`views.${k === "q" ? "search" : k}`)}
        {children}
      </label>
      {err(k)}
    </div>
  );

  return (
    <form method="get" action="/charges" onSubmit={submit} data-testid="filter-bar" className="group space-y-3">
      <input type="hidden" name="status" value={status} />
      {/* No name: not sent with the form. Hidden from sm up, where the panel is always shown. */}
      <input type="checkbox" id="filter-open" defaultChecked={bad} aria-controls="filter-panel" data-testid="filter-open" className="peer sr-only sm:hidden" />
      <div role="search" className="flex w-full flex-wrap gap-2">
        <input
          type="search"
          name="q"
          defaultValue={values.q}
          maxLength={100}
          aria-label={t("charges.search")}
          aria-invalid={errors.q ? true : undefined}
          aria-describedby={described("q")}
          // The full list is the accessible name; the placeholder is short enough for a 390 px phone, where
          // the field has its own row (the search and filter buttons go under it).
          placeholder={t("charges.searchShort")}
          className="min-w-0 basis-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm sm:max-w-md sm:flex-1 sm:basis-0"
        />
        <button type="submit" className={buttonClass("secondary")}>
          {t("charges.searchButton")}
        </button>
        <label
          htmlFor="filter-open"
          data-testid="filter-toggle"
          className={buttonClass("ghost", "md", "cursor-pointer select-none sm:hidden group-has-[#filter-open:checked]:bg-slate-100 group-has-[#filter-open:focus-visible]:outline-2 group-has-[#filter-open:focus-visible]:outline-offset-2")}
        >
          {t("views.filters")}
          {active > 0 && <span className="rounded-full bg-emerald-100 px-2 text-xs text-emerald-800">{t("views.activeCount", { count: active })}</span>}
        </label>
      </div>
      {err("q")}
      <fieldset id="filter-panel" data-testid="filter-panel" className="hidden rounded-lg border border-slate-200 bg-white p-3 peer-checked:block sm:block">
        <legend className="sr-only">{t("views.filters")}</legend>
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {DAYS.map((k) =>
            label(k, <input type="date" name={k} defaultValue={values[k]} data-testid={`filter-${k}`} aria-invalid={errors[k] ? true : undefined} aria-describedby={described(k)} className={control(Boolean(errors[k]))} />),
          )}
          {AMOUNTS.map((k) =>
            label(
              k,
              <input type="number" inputMode="numeric" min={0} step={1} name={k} defaultValue={values[k]} data-testid={`filter-${k}`} aria-invalid={errors[k] ? true : undefined} aria-describedby={described(k)} className={control(Boolean(errors[k]))} />,
            ),
          )}
          {label(
            "staff",
            <select name="staff" defaultValue={values.staff ?? ""} data-testid="filter-staff" aria-invalid={errors.staff ? true : undefined} aria-describedby={described("staff")} className={control(Boolean(errors.staff))}>
              <option value="">{t("views.staffAll")}</option>
              {staff.map((u) => (
                <option key={u.id} value={u.id} translate="no">
                  {u.name}
                </option>
              ))}
            </select>,
          )}
          {label(
            "sort",
            <select name="sort" defaultValue={values.sort ?? "created"} data-testid="filter-sort" className={control(Boolean(errors.sort))}>
              <option value="created">{t("views.sortCreated")}</option>
              <option value="deadline">{t("views.sortDeadline")}</option>
            </select>,
          )}
        </div>
        <p className="mt-2 text-xs text-slate-500">{t("views.daysHint")}</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="submit" className={buttonClass("primary")} data-testid="filter-apply">
            {t("views.apply")}
          </button>
          <Link href={`/charges?status=${status}`} className={buttonClass("secondary")} data-testid="filter-reset">
            {t("views.reset")}
          </Link>
        </div>
      </fieldset>
      {bad && (
        <Alert tone="error" testId="filter-invalid">
          {t("views.invalid")}
        </Alert>
      )}
    </form>
  );
}
