"use client";

import { useEffect } from "react";

// Shown when a page cannot be built, most often because the database or Omise
// is not answering. Both languages: the locale itself may be what failed to load.
export default function ErrorPage({ error, reset }: Readonly<{ error: Error & { digest?: string }; reset: () => void }>) {
  useEffect(() => {
    const timer = setInterval(reset, 10_000); // try again by itself while the outage lasts
    return () => clearInterval(timer);
  }, [reset]);
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <div role="alert" data-testid="page-error" className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-6">
        <h1 className="text-lg font-bold text-red-800">ページを表示できません / This page cannot be shown</h1>
        <p className="text-sm text-red-900">
          データベースまたは Omise が応答していません。入力した内容や請求は失われていません。10秒ごとに自動で再試行します。
        </p>
        <p className="text-sm text-red-900">
          The database or Omise is not answering. Nothing you entered or created has been lost. Retrying every 10 seconds.
        </p>
        {error.digest && <p className="font-mono text-xs text-red-700">ref: {error.digest}</p>}
        <button type="button" onClick={reset} className="rounded bg-red-700 px-4 py-2 text-sm font-semibold text-white">
          再試行 / Retry
        </button>
      </div>
    </main>
  );
}
