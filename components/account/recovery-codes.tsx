"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/** The ten recovery codes, shown once: copy, download, then "I have saved them" closes them for good. */
export function RecoveryCodes({ codes, onDone }: Readonly<{ codes: string[]; onDone: () => void }>) {
  const t = useTranslations();
  const text = codes.join("\n");
  function download() {
    const url = URL.createObjectURL(new Blob([`${text}\n`], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "konbini-desk-recovery-codes.txt";
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <div className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="recovery-panel">
      <h3 className="font-semibold text-amber-900">{t("security.recoveryTitle")}</h3>
      <p className="text-sm text-amber-900">{t("security.recoveryHelp")}</p>
      <ol translate="no" data-testid="recovery-codes" className="grid grid-cols-1 gap-1 font-mono text-base sm:grid-cols-2">
        {codes.map((c) => (
          <li key={c} className="rounded bg-white px-2 py-1 tabular-nums">
            {c}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <CopyButton text={text} testId="recovery-copy" size="md" />
        <Button variant="secondary" onClick={download} data-testid="recovery-download">
          {t("security.download")}
        </Button>
        <Button onClick={onDone} data-testid="recovery-saved">
          {t("security.saved")}
        </Button>
      </div>
    </div>
  );
}
