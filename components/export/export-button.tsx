"use client";

import { useRef, useState, type ReactNode } from "react";
import { useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { downloadCsv, type Progress } from "@/components/export/download-csv";

type Encoding = "utf-8" | "shift_jis";
const name = (chunks: ReactNode) => <span translate="no">{chunks}</span>;
type State = { phase: "idle" } | { phase: "running"; progress: Progress; total: number | null } | { phase: "done"; rows: number } | { phase: "error"; message: string } | { phase: "cancelled" };

// Filters beyond status and text search, which the tab counts do not cover (lib/charges/counts.ts).
const UNCOUNTED = ["from", "to", "deadlineFrom", "deadlineTo", "amountMin", "amountMax", "staff"];

/** The expected row count from GET /api/charges/counts, when the counts cover the filters in the URL. */
async function expectedTotal(sp: URLSearchParams): Promise<number | null> {
  if (UNCOUNTED.some((k) => sp.get(k))) return null;
  const res = await fetch(`/api/charges/counts?${new URLSearchParams(sp.get("q") ? { q: sp.get("q") as string } : {})}`, { cache: "no-store" }).catch(() => null);
  const counts = (await res?.json().catch(() => null)) as Record<string, number | boolean> | null;
  const n = counts?.[sp.get("status") || "all"];
  return res?.ok && !counts?.capped && typeof n === "number" ? n : null;
}

/**
 * Export what the page shows (every filter in its URL) as CSV: a choice of encoding, then rows and
 * bytes counted as they arrive (against the expected total when it is known), a cancel button, and
 * the server's error in the user's language if it refuses.
 */
export function ExportButton({ endpoint, kind }: Readonly<{ endpoint: string; kind: "charges" | "audit" }>) {
  const t = useTranslations();
  const locale = useLocale();
  const searchParams = useSearchParams();
  const [open, setOpen] = useState(false);
  const [encoding, setEncoding] = useState<Encoding>("utf-8");
  const [state, setState] = useState<State>({ phase: "idle" });
  const abort = useRef<AbortController | null>(null);

  async function start() {
    const sp = new URLSearchParams(searchParams.toString());
    sp.delete("cursor");
    sp.delete("limit");
    const ac = new AbortController();
    abort.current = ac;
    setState({ phase: "running", progress: { rows: 0, bytes: 0 }, total: null });
    const total = kind === "charges" ? await expectedTotal(sp) : null;
    sp.set("format", "csv");
    sp.set("encoding", encoding);
    sp.set("locale", locale);
    const result = await downloadCsv(`${endpoint}?${sp}`, { signal: ac.signal, fallbackName: `${kind}.csv`, onProgress: (progress) => setState({ phase: "running", progress, total }) });
    abort.current = null;
    if (result.ok) setState({ phase: "done", rows: result.rows });
    else if (result.kind === "cancelled") setState({ phase: "cancelled" });
    else if (result.kind === "http") setState({ phase: "error", message: t("csvExport.failed", { message: result.message ?? t("common.error") }) });
    else setState({ phase: "error", message: t("csvExport.interrupted") });
  }

  const running = state.phase === "running";
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)} data-testid={`${kind}-export`}>
        {t("csvExport.button")}
      </Button>
    );
  }
  return (
    <section aria-label={t("csvExport.title")} className="w-full space-y-3 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm" data-testid={`${kind}-export-panel`}>
      <p className="text-slate-600">{t("csvExport.scope")}</p>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-2" disabled={running}>
        <legend className="mb-1 font-medium">{t("csvExport.encoding")}</legend>
        {(["utf-8", "shift_jis"] as const).map((e) => (
          <label key={e} className="flex min-h-11 items-center gap-2">
            <input type="radio" name={`${kind}-encoding`} value={e} checked={encoding === e} onChange={() => setEncoding(e)} data-testid={`${kind}-export-${e}`} />
            <span>{t.rich(e === "utf-8" ? "csvExport.utf8" : "csvExport.shiftJis", { name })}</span>
          </label>
        ))}
      </fieldset>
      {encoding === "shift_jis" && <p className="text-xs text-slate-500">{t.rich("csvExport.shiftJisNote", { name })}</p>}
      {state.phase === "running" && (
        <div className="space-y-1" data-testid={`${kind}-export-progress`}>
          <progress className="h-2 w-full" max={state.total ?? undefined} value={state.total ? Math.min(state.progress.rows, state.total) : undefined} />
          <p aria-live="polite">
            {state.total !== null
              ? t("csvExport.progress", { rows: state.progress.rows, total: state.total, kb: state.progress.bytes / 1024 })
              : t("csvExport.progressUnknown", { rows: state.progress.rows, kb: state.progress.bytes / 1024 })}
          </p>
        </div>
      )}
      {state.phase === "done" && <Alert tone="success" testId={`${kind}-export-done`}>{t("csvExport.done", { rows: state.rows })}</Alert>}
      {state.phase === "cancelled" && <Alert tone="warning">{t("csvExport.cancelled")}</Alert>}
      {state.phase === "error" && <Alert tone="error" testId={`${kind}-export-error`}>{state.message}</Alert>}
      <div className="flex flex-wrap gap-2">
        {running ? (
          <Button variant="secondary" onClick={() => abort.current?.abort()}>
            {t("csvExport.cancel")}
          </Button>
        ) : (
          <>
            <Button onClick={() => void start()} data-testid={`${kind}-export-start`}>
              {t("csvExport.start")}
            </Button>
            <Button variant="secondary" onClick={() => { setOpen(false); setState({ phase: "idle" }); }}>
              {t("csvExport.close")}
            </Button>
          </>
        )}
      </div>
    </section>
  );
}
