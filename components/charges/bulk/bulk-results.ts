"use client";

import { useTranslations } from "next-intl";
import { BULK_FIELDS, toCsv } from "@/lib/charges/bulk-csv";
import type { BulkRun } from "@/components/charges/bulk/bulk-state";

/** Save text as a CSV file in the browser (a download, nothing sent). */
export function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The run as a CSV in the user's language: every row as read, what became of it, and its charge. */
export function useResultsCsv(): (r: BulkRun) => string {
  const t = useTranslations();
  return (r) => {
    const header = [t("bulk.col.row"), ...BULK_FIELDS.map((f) => t(`bulk.field.${f}`)), t("bulk.col.status"), t("bulk.col.chargeId"), t("bulk.col.link"), t("bulk.col.paymentCode"), t("bulk.col.email"), t("bulk.col.error")];
    const rows = r.rows.map((row) => [
      row.n,
      ...BULK_FIELDS.map((f) => row.values[f]),
      t(`bulk.state.${row.state}`),
      row.chargeId ?? "",
      row.link ?? "",
      row.paymentCode ?? "",
      row.mail ? (row.mail === "queued" ? t("bulk.mailQueued") : (row.mailError ?? "")) : "",
      row.error ?? "",
    ]);
    return toCsv([header, ...rows]);
  };
}
