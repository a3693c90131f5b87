"use client";

import { useTranslations } from "next-intl";
import { estimateStrength } from "@/lib/auth/password-strength";

const COLORS = ["bg-slate-300", "bg-red-500", "bg-amber-500", "bg-emerald-500", "bg-emerald-700"] as const;

/** A rough strength estimate while typing (lib/auth/password-strength.ts); the server's policy decides. */
export function PasswordMeter({ password, id }: Readonly<{ password: string; id: string }>) {
  const t = useTranslations();
  const { level } = estimateStrength(password);
  if (!password) return null;
  return (
    <div id={id} data-testid="password-meter" data-level={level} className="space-y-1" aria-live="polite">
      <div className="flex gap-1" aria-hidden="true">
        {[1, 2, 3, 4].map((i) => (
          <span key={i} className={`h-1.5 flex-1 rounded-full ${level >= i ? COLORS[level] : "bg-slate-200"}`} />
        ))}
      </div>
      <p className="text-xs text-slate-600">
        {t("account.strength.label")}: <span data-testid="password-meter-label" className="font-semibold">{t(`account.strength.level${level}`)}</span>
      </p>
      <p className="text-xs text-slate-500">{t("account.strength.note")}</p>
    </div>
  );
}
