"use client";

import { useState, useSyncExternalStore, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { fetchJson, type ApiResult } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Step = { fetched: number; new: number; processed: number; failed: number; total: number; nextOffset: number | null };
type Totals = Omit<Step, "nextOffset" | "total">;

// The inputs hold the JST wall clock ("2026-12-01T09:30"); the API takes it with its offset.
const withJstOffset = (local: string) => `${local}:00+09:00`;
const noSubscription = () => () => {};

/** "Fetch from Omise" for a JST window, step by step (the API answers at most 500 events a call), with progress. */
export function FetchForm({ defaultFrom, defaultTo }: Readonly<{ defaultFrom: string; defaultTo: string }>) {
  const t = useTranslations();
  const router = useRouter();
  // Uncontrolled inputs keep what was typed before hydration; the button waits for it (no native submit).
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<Totals | null>(null);
  const [problem, setProblem] = useState<{ field?: "from" | "to"; message: string } | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const [from, to] = [String(form.get("from") ?? ""), String(form.get("to") ?? "")];
    setResult(null);
    setProblem(null);
    if (!from || !to) return setProblem({ message: t("webhooks.fetch.required") });
    setBusy(true);
    const sum: Totals = { fetched: 0, new: 0, processed: 0, failed: 0 };
    let offset: number | null = 0;
    try {
      while (offset !== null) {
        const res: ApiResult<Step> = await fetchJson<Step>("/api/webhooks/fetch", { method: "POST", body: { from: withJstOffset(from), to: withJstOffset(to), offset } }, t("webhooks.fetch.network"));
        if (!res.ok) {
          const fields = res.error.fields ?? {};
          const field = fields.from ? "from" : fields.to ? "to" : undefined;
          return setProblem({ field, message: (field && fields[field]?.[0]) || res.error.message });
        }
        for (const k of ["fetched", "new", "processed", "failed"] as const) sum[k] += res.data[k];
        offset = res.data.nextOffset;
        setProgress({ done: offset ?? res.data.total, total: res.data.total });
      }
      setResult(sum);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const input = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-500";
  return (
    <form onSubmit={submit} noValidate className="space-y-3" data-testid="webhook-fetch">
      <p className="text-sm text-slate-600">{t("webhooks.fetch.hint")}</p>
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <label className="text-sm">
          {t("webhooks.fetch.from")}
          <input type="datetime-local" name="from" defaultValue={defaultFrom} className={input} aria-invalid={problem?.field === "from"} data-testid="webhook-fetch-from" />
        </label>
        <label className="text-sm">
          {t("webhooks.fetch.to")}
          <input type="datetime-local" name="to" defaultValue={defaultTo} className={input} aria-invalid={problem?.field === "to"} data-testid="webhook-fetch-to" />
        </label>
        <Button type="submit" disabled={busy || !hydrated} data-testid="webhook-fetch-submit">
          {busy ? t("webhooks.fetch.busy") : t("webhooks.fetch.submit")}
        </Button>
      </div>
      {busy && (
        <div role="status" className="space-y-1" data-testid="webhook-fetch-progress">
          <progress className="h-2 w-full" max={progress?.total || 1} value={progress?.done ?? 0} />
          {progress && <p className="text-xs text-slate-600">{t("webhooks.fetch.progress", progress)}</p>}
        </div>
      )}
      {problem && (
        <Alert tone="error" testId="webhook-fetch-error">
          {problem.message}
        </Alert>
      )}
      {result && (
        <Alert tone="success" testId="webhook-fetch-result">
          {t("webhooks.fetch.done", result)}
        </Alert>
      )}
    </form>
  );
}
