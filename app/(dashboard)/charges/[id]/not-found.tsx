import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { Alert } from "@/components/ui/alert";

export default async function ChargeNotFound() {
  const { t } = await getT();
  return (
    <div className="space-y-4">
      <Alert tone="warning" testId="charge-not-found">
        {t("detail.notFound")}
      </Alert>
      <Link href="/charges" className="text-sm text-emerald-700 hover:underline">
        ← {t("nav.charges")}
      </Link>
    </div>
  );
}
