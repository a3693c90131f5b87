"use client";

import { useTranslations } from "next-intl";
import { MAX_BULK_ROWS, type CsvEncoding } from "@/lib/charges/bulk-csv";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Props = {
  encoding: CsvEncoding | "auto";
  onEncoding: (e: CsvEncoding | "auto") => void;
  onFile: (file: File | undefined) => void;
  readError: string | null;
  onTemplate: () => void;
};

/** The first step of a bulk run: what the file holds, a template, the encoding and the file. */
export function BulkUpload({ encoding, onEncoding, onFile, readError, onTemplate }: Readonly<Props>) {
  const t = useTranslations();
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{t("bulk.intro")}</p>
      <p className="text-sm text-slate-600">{t("bulk.columns", { max: MAX_BULK_ROWS })}</p>
      <Button variant="secondary" size="sm" data-testid="bulk-template" onClick={onTemplate}>
        {t("bulk.template")}
      </Button>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="bulk-encoding" className="block text-sm font-semibold text-slate-800">
            {t("bulk.encoding")}
          </label>
          <select id="bulk-encoding" className="w-full rounded-md border border-slate-300 bg-white px-3 py-2.5" value={encoding} onChange={(e) => onEncoding(e.target.value as CsvEncoding | "auto")}>
            <option value="auto">{t("bulk.encodingAuto")}</option>
            <option value="utf-8">{t("bulk.encodingUtf8")}</option>
            <option value="shift_jis">{t("bulk.encodingSjis")}</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="bulk-file" className="block text-sm font-semibold text-slate-800">
            {t("bulk.file")}
          </label>
          <input id="bulk-file" data-testid="bulk-file" type="file" accept=".csv,text/csv" className="block w-full text-sm" onChange={(e) => onFile(e.target.files?.[0])} />
        </div>
      </div>
      {readError && (
        <Alert tone="error" testId="bulk-read-error">
          {readError}
        </Alert>
      )}
    </div>
  );
}

/** Discarding a bulk run's record (the charges it made stay). */
export function DiscardDialog({ onConfirm, onCancel }: Readonly<{ onConfirm: () => void; onCancel: () => void }>) {
  const t = useTranslations();
  return <ConfirmDialog title={t("bulk.discardConfirm")} confirmLabel={t("bulk.discard")} cancelLabel={t("bulk.cancel")} busy={false} testId="bulk-discard-dialog" onConfirm={onConfirm} onCancel={onCancel} />;
}

/** Before the charges are created: how many, and that customers are emailed when that is on. */
export function CreateDialog({ count, sendEmail, busy, onConfirm, onCancel }: Readonly<{ count: number; sendEmail: boolean; busy: boolean; onConfirm: () => void; onCancel: () => void }>) {
  const t = useTranslations();
  return (
    <ConfirmDialog
      title={t("bulk.confirmTitle", { count })}
      body={
        <>
          <p>{t("bulk.confirmBody")}</p>
          {sendEmail && <p>{t("bulk.confirmEmail")}</p>}
        </>
      }
      confirmLabel={t("bulk.confirm")}
      cancelLabel={t("bulk.cancel")}
      busy={busy}
      testId="bulk-confirm"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
