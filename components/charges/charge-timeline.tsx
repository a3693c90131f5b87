import type { TimelineEntryDto } from "@/lib/charges/dto";
import { formatJst } from "@/lib/format";
import { translateKey, type Locale } from "@/lib/i18n/messages";

const SOURCE_TONE: Record<string, string> = {
  user: "bg-sky-500",
  webhook: "bg-violet-500",
  sync: "bg-emerald-500",
  reconcile: "bg-amber-500",
};

function entryTitle(entry: TimelineEntryDto, locale: Locale): string {
  const status = (s: string | null) => (s ? translateKey(locale, `status.${s}`) : "—");
  return translateKey(locale, `timeline.${entry.kind}`, { from: status(entry.fromStatus), to: status(entry.toStatus) });
}

/** Newest first: staff look here to see what happened last and who or what did it. */
export function ChargeTimeline({ entries, locale }: Readonly<{ entries: TimelineEntryDto[]; locale: Locale }>) {
  const newestFirst = [...entries].reverse();
  return (
    <ol data-testid="timeline" className="relative space-y-4 border-l border-slate-200 pl-5">
      {newestFirst.map((entry) => (
        <li key={entry.id} data-testid="timeline-entry" data-kind={entry.kind} className="relative">
          <span
            aria-hidden="true"
            className={`absolute -left-[1.6rem] top-1.5 h-2.5 w-2.5 rounded-full ring-4 ring-white ${SOURCE_TONE[entry.source] ?? "bg-slate-400"}`}
          />
          <p className="font-medium text-slate-900">{entryTitle(entry, locale)}</p>
          {entry.detail && <p className="text-sm text-slate-700">{entry.detail}</p>}
          <p className="text-xs text-slate-500">
            {[translateKey(locale, `timeline.source.${entry.source}`), entry.actorName, formatJst(entry.at, locale)].filter(Boolean).join(" · ")}
          </p>
        </li>
      ))}
    </ol>
  );
}
