"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Props = { busy: boolean; onConfirm: (reason: string) => void; onCancel: () => void };

/** Expiring cannot be undone, so it asks first, with an optional reason for the timeline. */
export function ExpireDialog({ busy, onConfirm, onCancel }: Readonly<Props>) {
  const t = useTranslations();
  const [reason, setReason] = useState("");
  return (
    <ConfirmDialog
      title={t("detail.expireConfirm")}
      confirmLabel={busy ? t("detail.expiring") : t("detail.expireYes")}
      cancelLabel={t("detail.cancel")}
      busy={busy}
      testId="expire-dialog"
      buttonTestIds={{ cancel: "expire-cancel", confirm: "expire-confirm" }}
      onConfirm={() => onConfirm(reason.trim())}
      onCancel={onCancel}
    >
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
    </ConfirmDialog>
  );
}
