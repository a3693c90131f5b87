"use client";

import { useCallback, useState } from "react";
import { useTranslations } from "next-intl";
import { fetchJson, type ApiError } from "@/components/api/fetch-json";

type Fields = Record<string, string[]>;

/** One card's calls to the account API: busy while one runs, its error (and per-field messages) kept. */
export function useApi() {
  const t = useTranslations();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const call = useCallback(
    async <T,>(url: string, body?: unknown, method: "POST" | "DELETE" = "POST") => {
      setBusy(true);
      setError(null);
      const res = await fetchJson<T>(url, { method, body }, t("common.error"));
      setBusy(false);
      if (!res.ok) {
        setError(res.error);
        return undefined; // failed; a 204 answers null
      }
      return res.data;
    },
    [t],
  );
  return { busy, error, setError, call, fields: (error?.fields ?? {}) as Fields };
}
