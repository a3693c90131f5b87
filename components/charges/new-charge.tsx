"use client";

import { useState } from "react";
import { ChargeCreated } from "@/components/charges/charge-created";
import { NewChargeForm, type CreatedCharge } from "@/components/charges/new-charge-form";

/** The phone-order screen: the form, then the read-back of what was created. */
export function NewCharge() {
  const [created, setCreated] = useState<CreatedCharge | null>(null);
  if (created) return <ChargeCreated charge={created} onAnother={() => setCreated(null)} />;
  // Unmounting the form on success means "another" starts empty with a fresh key.
  return <NewChargeForm onCreated={setCreated} />;
}
