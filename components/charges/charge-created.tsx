"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { ReadBack } from "@/components/charges/read-back";
import type { CreatedCharge } from "@/components/charges/new-charge-form";

type Props = { charge: CreatedCharge; onAnother: () => void };

export function ChargeCreated({ charge, onAnother }: Readonly<Props>) {
  const t = useTranslations();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The form disappears under the cursor; move focus (and screen readers) to the result.
  useEffect(() => {
    headingRef.current?.focus();
    window.scrollTo({ top: 0 });
  }, []);

  return (
    <div className="space-y-5">
      <div className="flex items-center gap-2 text-emerald-800">
        <span aria-hidden="true" className="flex h-7 w-7 items-center justify-center rounded-full bg-emerald-600 text-white">
          ✓
        </span>
        <h2 ref={headingRef} tabIndex={-1} data-testid="charge-created" className="text-xl font-bold outline-none">
          {t("new.created")}
        </h2>
      </div>
      {charge.warnings.map((w) => (
        <Alert key={w} tone="warning" testId="created-warning">
          {w}
        </Alert>
      ))}
      <ReadBack charge={charge} />
      <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-4">
        <Button variant="primary" size="lg" onClick={onAnother} data-testid="new-another">
          {t("new.another")}
        </Button>
        <Link href={`/charges/${charge.id}`} className={buttonClass("secondary", "lg")} data-testid="view-charge">
          {t("new.viewCharge")}
        </Link>
      </div>
    </div>
  );
}
