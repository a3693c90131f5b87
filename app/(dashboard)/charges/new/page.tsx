import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { NewCharge } from "@/components/charges/new-charge";
import { getOmiseStatus } from "@/lib/omise/get-omise-status";
import { getSettings } from "@/lib/settings/settings";
import { PageMessages } from "@/components/i18n/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("nav.new") };
}

export default async function NewChargePage() {
  const user = await requirePageUser("/charges/new");
  const t = await getTranslations();
  const { remindersEnabled } = await getSettings();
  return (
    <PageMessages namespaces={["charges", "deadline", "err", "format", "new", "reminders", "status", "v"]}>
      <div className="mx-auto max-w-3xl space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-2xl font-bold">{t("new.title")}</h1>
          {can(user, "createCharge") && (
            <Link href="/charges/bulk" className="text-sm font-semibold text-emerald-800 underline" data-testid="bulk-link">
              {t("bulk.link")}
            </Link>
          )}
        </div>
        {getOmiseStatus().paused ? (
          <Alert tone="warning" testId="create-paused">
            {t("err.circuit_open")}
          </Alert>
        ) : can(user, "createCharge") ? (
          <Card>
            <NewCharge remindersAllowed={remindersEnabled} />
          </Card>
        ) : (
          <Alert tone="warning" testId="viewer-cannot">
            {t("new.viewerCannot")}
          </Alert>
        )}
      </div>
    </PageMessages>
  );
}
