import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { BulkIssue } from "@/components/charges/bulk/bulk-issue";
import { getOmiseStatus } from "@/lib/omise/get-omise-status";
import { PageMessages } from "@/components/i18n/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("bulk.title") };
}

// Bulk issue from a spreadsheet: the rows are read, checked and fixed in the browser, then each
// becomes one POST /api/charges with its own idempotency key (components/charges/bulk/*).
export default async function BulkChargesPage() {
  const user = await requirePageUser("/charges/bulk");
  const t = await getTranslations();
  return (
    <PageMessages namespaces={["bulk", "deadline", "err", "new", "v"]}>
      <div className="mx-auto max-w-4xl space-y-4">
        <h1 className="text-2xl font-bold">{t("bulk.title")}</h1>
        {getOmiseStatus().paused ? (
          <Alert tone="warning" testId="create-paused">
            {t("err.circuit_open")}
          </Alert>
        ) : can(user, "createCharge") ? (
          <Card>
            <BulkIssue userId={user.id} />
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
