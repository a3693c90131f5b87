import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { listCharges } from "@/lib/charges/list-charges";
import { ExpiringQueue } from "@/components/charges/expiring-queue";
import { PageMessages } from "@/components/i18n/page-messages";

const PAGE_SIZE = 25;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("expiring.title") };
}

export default async function ExpiringPage() {
  const user = await requirePageUser("/charges/expiring");
  const t = await getTranslations();
  const page = await listCharges({ query: { status: "pending", sort: "deadline", limit: PAGE_SIZE } });
  return (
    <PageMessages namespaces={["charges", "deadline", "detail", "duration", "expiring", "format", "new", "reissue"]}>
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-bold">{t("expiring.title")}</h1>
          <p className="text-sm text-slate-600">{t("expiring.intro")}</p>
        </div>
        <ExpiringQueue pageSize={PAGE_SIZE} initial={page} canExpire={can(user, "expireCharge")} />
      </div>
    </PageMessages>
  );
}
