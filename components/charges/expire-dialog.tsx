"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

type Props = { busy: boolean; onConfirm: (reason: string) => void; onCancel: () => void };

/** Expiring cannot be undone, so it asks first; "cancel" has the focus so Enter is the safe choice. */
export function ExpireDialog({ busy, onConfirm, onCancel }: Readonly<Props>) {
  const t = useTranslations();
  const [reason, setReason] = useState("");
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !busy) onCancel();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [busy, onCancel]);

  return (
    <div className="fixed inset-0 z-50 flex items-end justify-center bg-slate-900/50 p-4 sm:items-center">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="expire-dialog-title"
        data-testid="expire-dialog"
        className="w-full max-w-md space-y-4 rounded-lg bg-white p-5 shadow-xl"
      >
        <p id="expire-dialog-title" className="font-semibold text-slate-900">
          {t("detail.expireConfirm")}
        </p>
        <label className="block text-sm text-slate-700">
          {t("detail.expireReason")}
          <textarea
            name="reason"
            rows={2}
            maxLength={255}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-base"
          />
        </label>
        <div className="flex flex-wrap justify-end gap-2">
          <Button ref={cancelRef} variant="secondary" disabled={busy} onClick={onCancel} data-testid="expire-cancel">
            {t("detail.cancel")}
          </Button>
          <Button variant="danger" disabled={busy} onClick={() => onConfirm(reason.trim())} data-testid="expire-confirm">
            {busy ? t("detail.expiring") : t("detail.expireYes")}
          </Button>
        </div>
      </div>
    </div>
  );
}
