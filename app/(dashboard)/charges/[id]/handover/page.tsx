import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { getCharge } from "@/lib/charges/get-charge";
import { deadlineWarnings } from "@/lib/charges/deadline";
import { Card } from "@/components/ui/card";
import { ChargeHandover } from "@/components/charges/charge-handover";
import { SendLink } from "@/components/charges/send-link";
import { messagingConfig } from "@/lib/messages/config";
import { PageMessages } from "@/components/i18n/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("handover.title") };
}

// The read-back after creating, at its own URL so a reload or a second look never loses it.
export default async function ChargeHandoverPage({ params }: Readonly<{ params: Promise<{ id: string }> }>) {
  const { id } = await params;
  const user = await requirePageUser(`/charges/${encodeURIComponent(id)}/handover`);
  const t = await getTranslations();
  const charge = await getCharge({ id }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const warnings =
    charge.status === "pending" && charge.expiresAt
      ? deadlineWarnings(new Date(charge.expiresAt), new Date(charge.createdAt)).map((w) => t(w))
      : [];
  return (
    <PageMessages namespaces={["explain", "format", "handover", "mail", "messaging", "new", "readout", "status", "v"]}>
      <div className="mx-auto max-w-3xl space-y-4">
        <Link href={`/charges/${encodeURIComponent(charge.id)}`} className="text-sm text-emerald-700 hover:underline">
          ← {t("detail.title")}
        </Link>
        <Card>
          <ChargeHandover charge={charge} warnings={warnings} canCreate={can(user, "createCharge")} />
        </Card>
        <Card>
          <SendLink charge={charge} initialMessages={charge.messages} canSend={can(user, "sendMessage")} {...messagingConfig()} />
        </Card>
      </div>
    </PageMessages>
  );
}
