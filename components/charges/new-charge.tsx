"use client";

import { useState } from "react";
import type { Locale } from "@/lib/i18n/messages";
import { ChargeCreated } from "@/components/charges/charge-created";
import { NewChargeForm, type CreatedCharge } from "@/components/charges/new-charge-form";

/** The phone-order screen: the form, then the read-back of what was created. */
export function NewCharge({ locale }: Readonly<{ locale: Locale }>) {
  const [created, setCreated] = useState<CreatedCharge | null>(null);
  if (created) return <ChargeCreated charge={created} locale={locale} onAnother={() => setCreated(null)} />;
  // Unmounting the form on success means "another" starts empty with a fresh key.
  return <NewChargeForm locale={locale} onCreated={setCreated} />;
}
