import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { SecuritySettings } from "@/components/account/security-settings";
import { PageMessages } from "@/components/i18n/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("security.title") };
}

// The one page a user without a second factor may open while REQUIRE_2FA is on.
export default async function SecurityPage() {
  const user = await requirePageUser("/account/security", { allowWithout2fa: true });
  const t = await getTranslations();
  const status = await getTwoFactorStatus({ actor: user });
  return (
    <PageMessages namespaces={["readout", "security"]}>
      <div className="mx-auto max-w-2xl space-y-6">
        <h1 className="text-2xl font-bold">{t("security.heading")}</h1>
        <SecuritySettings status={status} />
      </div>
    </PageMessages>
  );
}
