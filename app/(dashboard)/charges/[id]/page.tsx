import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { getCharge } from "@/lib/charges/get-charge";
import { ChargeDetail } from "@/components/charges/charge-detail";

export default async function ChargePage({ params }: Readonly<{ params: Promise<{ id: string }> }>) {
  const { id } = await params;
  const user = await requirePageUser(`/charges/${encodeURIComponent(id)}`);
  const { locale, t } = await getT();
  const charge = await getCharge({ id }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return (
    <div className="space-y-4">
      <Link href="/charges" className="text-sm text-emerald-700 hover:underline">
        ← {t("nav.charges")}
      </Link>
      {/* Keyed by id: moving to another charge must not keep this one's polled state. */}
      <ChargeDetail key={charge.id} initial={charge} locale={locale} canExpire={can(user, "expireCharge")} />
    </div>
  );
}
