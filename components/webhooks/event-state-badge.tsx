import { useTranslations } from "next-intl";

type State = "unprocessed" | "failed" | "processed";
const TONE: Record<State, string> = {
  unprocessed: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-800",
  processed: "bg-emerald-100 text-emerald-800",
};

export function EventStateBadge({ state }: Readonly<{ state: State }>) {
  const t = useTranslations();
  return (
    <span data-testid="webhook-state" data-state={state} className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${TONE[state]}`}>
      {t(`webhooks.tabs.${state}`)}
    </span>
  );
}
