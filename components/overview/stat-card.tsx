import Link from "next/link";
import { useTranslations } from "next-intl";

type Props = { label: string; amount: number; countText: string; tone: "amber" | "emerald" | "slate"; href?: string; testId: string };

const TONES = {
  amber: "border-l-amber-500",
  emerald: "border-l-emerald-500",
  slate: "border-l-slate-400",
} as const;

export function StatCard({ label, amount, countText, tone, href, testId }: Readonly<Props>) {
  const t = useTranslations();
  const body = (
    <>
      <p className="text-sm font-medium text-slate-600">{label}</p>
      <p data-testid={`${testId}-amount`} className="mt-1 text-2xl font-bold tabular-nums sm:text-3xl">
        {t("format.yen", { amount })}
      </p>
      <p data-testid={`${testId}-count`} className="mt-0.5 text-sm text-slate-500">
        {countText}
      </p>
    </>
  );
  const className = `block rounded-lg border border-l-4 border-slate-200 bg-white p-4 shadow-sm ${TONES[tone]}`;
  return href ? (
    <Link href={href} data-testid={testId} className={`${className} hover:bg-slate-50`}>
      {body}
    </Link>
  ) : (
    <div data-testid={testId} className={className}>
      {body}
    </div>
  );
}
