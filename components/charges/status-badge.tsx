import type { ChargeStatus } from "@/lib/charges/status";
import { useTranslations } from "next-intl";

const COLORS: Record<ChargeStatus, string> = {
  pending: "bg-amber-100 text-amber-900 ring-amber-300",
  successful: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  expired: "bg-slate-200 text-slate-700 ring-slate-300",
  failed: "bg-red-100 text-red-900 ring-red-300",
  reversed: "bg-violet-100 text-violet-900 ring-violet-300",
};

type Props = { status: ChargeStatus; size?: "sm" | "lg" };

export function StatusBadge({ status, size = "sm" }: Readonly<Props>) {
  const t = useTranslations();
  const sizing = size === "lg" ? "px-3 py-1 text-base" : "px-2 py-0.5 text-xs";
  return (
    <span
      data-testid="status-badge"
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full font-semibold ring-1 ring-inset ${sizing} ${COLORS[status]}`}
    >
      {t(`status.${status}`)}
    </span>
  );
}
