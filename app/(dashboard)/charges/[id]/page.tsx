import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { getCharge } from "@/lib/charges/get-charge";
import { ChargeDetail } from "@/components/charges/charge-detail";
import { messagingConfig } from "@/lib/messages/config";
import { PageMessages } from "@/components/i18n/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("detail.title") };
}

export default async function ChargePage({ params }: Readonly<{ params: Promise<{ id: string }> }>) {
  const { id } = await params;
  const user = await requirePageUser(`/charges/${encodeURIComponent(id)}`);
  const t = await getTranslations();
  const charge = await getCharge({ id }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return (
    <PageMessages namespaces={["deadline", "detail", "duration", "err", "explain", "failure", "format", "handover", "mail", "messaging", "new", "readout", "refunds", "reissue", "reminders", "status", "timeline", "v"]}>
      <div className="space-y-4">
        <Link href="/charges" className="text-sm text-emerald-700 hover:underline">
          ← {t("nav.charges")}
        </Link>
        {/* Keyed by id: moving to another charge must not keep this one's polled state. */}
        <ChargeDetail key={charge.id} initial={charge} canExpire={can(user, "expireCharge")} canSend={can(user, "sendMessage")} canRefund={can(user, "createRefund")} isAdmin={can(user, "transferRefund")} {...messagingConfig()} />
      </div>
    </PageMessages>
  );
}
