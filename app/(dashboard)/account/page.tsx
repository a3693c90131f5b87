import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CHANGE_PASSWORD_PATH, requirePageUser } from "@/lib/auth/session";
import { listMySessions, sessionLimits } from "@/lib/auth/sessions";
import { Card } from "@/components/ui/card";
import { SessionList } from "@/components/account/session-list";
import { PageMessages } from "@/components/i18n/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("account.title") };
}

export default async function AccountPage() {
  const user = await requirePageUser("/account");
  const t = await getTranslations();
  const sessions = await listMySessions({ actor: user });
  const { idleMs, maxMs } = sessionLimits();
  return (
    <PageMessages namespaces={["account", "format"]}>
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">{t("account.title")}</h1>
        <Card title={t("account.passwordTitle")}>
          <Link href={CHANGE_PASSWORD_PATH} data-testid="change-password-link" className="text-emerald-700 underline">
            {t("account.passwordLink")}
          </Link>
        </Card>
        <Card title={t("account.sessionsTitle")}>
          <p className="mb-3 text-sm text-slate-600">{t("account.sessionsIntro", { idle: idleMs / 60_000, max: maxMs / 3_600_000 })}</p>
          <SessionList sessions={sessions} />
        </Card>
      </div>
    </PageMessages>
  );
}
