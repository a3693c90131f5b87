"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { NewChargeForm } from "@/components/charges/new-charge-form";

/** The phone-order screen: the form, then the charge's hand-over page (its own URL survives a reload). */
export function NewCharge({ remindersAllowed }: Readonly<{ remindersAllowed: boolean }>) {
  const t = useTranslations();
  const router = useRouter();
  const [createdId, setCreatedId] = useState<string | null>(null);

  useEffect(() => {
    if (createdId) router.push(`/charges/${encodeURIComponent(createdId)}/handover`);
  }, [createdId, router]);

  // The form goes away at once, so nothing can be submitted again while the next page loads.
  if (createdId) {
    return (
      <p role="status" data-testid="opening-handover" className="text-slate-600">
        {t("charges.loading")}
      </p>
    );
  }
  return <NewChargeForm remindersAllowed={remindersAllowed} onCreated={(charge) => setCreatedId(charge.id)} />;
}
