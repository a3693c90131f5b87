"use client";

import { useTranslations } from "next-intl";
import type { TwoFactorStatus } from "@/lib/auth/two-factor";
import { Alert } from "@/components/ui/alert";
import { TotpCard } from "@/components/account/totp-card";
import { PasskeysCard } from "@/components/account/passkeys-card";

export function SecuritySettings({ status }: Readonly<{ status: TwoFactorStatus }>) {
  const t = useTranslations();
  const hasFactor = status.totpEnabled || status.passkeys.length > 0;
  return (
    <div className="space-y-6">
      {status.required && !hasFactor && (
        <Alert tone="warning" testId="2fa-required-notice">
          {t("security.requiredNotice")}
        </Alert>
      )}
      <TotpCard status={status} />
      <PasskeysCard passkeys={status.passkeys} />
    </div>
  );
}
