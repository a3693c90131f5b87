"use client";

import { useEffect } from "react";
import { useTranslations } from "next-intl";

// Shown when a page cannot be built, most often because the database or Omise
// is not answering. The messages are bundled, so this needs neither.
export default function ErrorPage({ error, reset }: Readonly<{ error: Error & { digest?: string }; reset: () => void }>) {
  const t = useTranslations();
  useEffect(() => {
    const timer = setInterval(reset, 10_000); // try again by itself while the outage lasts
    return () => clearInterval(timer);
  }, [reset]);
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <div role="alert" data-testid="page-error" className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-6">
        <h1 className="text-lg font-bold text-red-800">{t("pageError.title")}</h1>
        <p className="text-sm text-red-900">{t("pageError.body")}</p>
        {error.digest && <p className="font-mono text-xs text-red-700">{t("pageError.ref", { digest: error.digest })}</p>}
        <button type="button" onClick={reset} className="rounded bg-red-700 px-4 py-2 text-sm font-semibold text-white">
          {t("common.retry")}
        </button>
      </div>
    </main>
  );
}
