import { useTranslations } from "next-intl";
import type { TimelineEntryDto } from "@/lib/charges/dto";
import { useKeyTranslator } from "@/components/i18n/use-key-translator";
import { useFailureText } from "@/components/charges/failure-reason";

const SOURCE_TONE: Record<string, string> = {
  user: "bg-sky-500",
  webhook: "bg-violet-500",
  sync: "bg-emerald-500",
  reconcile: "bg-amber-500",
};

/** A change to failed stores Omise's "code: message" (lib/charges/apply-omise-charge.ts). */
function failureCode(entry: TimelineEntryDto): string | null {
  if (entry.kind !== "status_changed" || entry.toStatus !== "failed" || !entry.detail) return null;
  return entry.detail.split(":", 1)[0]?.trim() || null;
}

/** Refund entries (lib/refunds) keep their messages in the refunds namespace and their amount in detail. */
const isRefund = (entry: TimelineEntryDto) => entry.kind.startsWith("refund_");

/** Newest first: staff look here to see what happened last and who or what did it. */
export function ChargeTimeline({ entries }: Readonly<{ entries: TimelineEntryDto[] }>) {
  const t = useTranslations();
  const tk = useKeyTranslator();
  const failureText = useFailureText();
  // Kinds, sources and statuses come from the database as plain strings.
  const status = (s: string | null) => (s ? tk(`status.${s}`) : "—");
  const newestFirst = [...entries].reverse();
  return (
    <ol data-testid="timeline" className="relative space-y-4 border-l border-slate-200 pl-5">
      {newestFirst.map((entry) => {
        const code = failureCode(entry);
        return (
          <li key={entry.id} data-testid="timeline-entry" data-kind={entry.kind} className="relative">
            <span
              aria-hidden="true"
              className={`absolute -left-[1.6rem] top-1.5 h-2.5 w-2.5 rounded-full ring-4 ring-white ${SOURCE_TONE[entry.source] ?? "bg-slate-400"}`}
            />
            <p className="font-medium text-slate-900">
              {isRefund(entry)
                ? tk(`refunds.timeline.${entry.kind}`, { amount: t("format.yen", { amount: Number(entry.detail) }) })
                : tk(`timeline.${entry.kind}`, { from: status(entry.fromStatus), to: status(entry.toStatus) })}
            </p>
            {code && (
              <p data-testid="timeline-failure" className="text-sm text-slate-700">
                {failureText(code)}
              </p>
            )}
            {/* Omise's raw text, or the reason staff typed: data, kept as it was written. */}
            {entry.detail && !isRefund(entry) && (
              <p translate="no" className={code ? "font-mono text-xs text-slate-500" : "text-sm text-slate-700"}>
                {entry.detail}
              </p>
            )}
            <p className="text-xs text-slate-500">
              {tk(`timeline.source.${entry.source}`)}
              {entry.actorName && (
                <>
                  {" · "}
                  <span translate="no">{entry.actorName}</span>
                </>
              )}
              {" · "}
              {t("format.jst", { at: new Date(entry.at) })}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
