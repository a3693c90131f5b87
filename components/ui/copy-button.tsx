"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

// navigator.clipboard exists only in secure contexts; staff may open the desk
// over plain http on a shop LAN, so fall back to a hidden textarea.
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  return ok;
}

type Props = { text: string; testId?: string; size?: "sm" | "md" | "lg" };

export function CopyButton({ text, testId, size = "sm" }: Readonly<Props>) {
  const t = useTranslations();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <Button variant="secondary" size={size} data-testid={testId} onClick={async () => setCopied(await copyText(text))}>
      <span aria-live="polite">{copied ? t("readout.copied") : t("readout.copy")}</span>
    </Button>
  );
}
