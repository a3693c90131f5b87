import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { getSettings } from "@/lib/settings/settings";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { SettingsForm } from "@/components/settings/settings-form";
import { PageMessages } from "@/components/i18n/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("merchant.title") };
}

export default async function SettingsPage() {
  const user = await requirePageUser("/settings");
  const t = await getTranslations();
  if (!can(user, "manageSettings")) {
    return (
      <PageMessages namespaces={["merchant"]}>
        <Alert tone="error" testId="forbidden">
          {t("err.forbidden")}
        </Alert>
      </PageMessages>
    );
  }
  const settings = await getSettings();
  return (
    <PageMessages namespaces={["merchant"]}>
      <div className="mx-auto max-w-3xl space-y-6">
        <h1 className="text-2xl font-bold">{t("merchant.title")}</h1>
        <Card title={t("merchant.remindersTitle")}>
          <SettingsForm initial={settings} />
        </Card>
      </div>
    </PageMessages>
  );
}
