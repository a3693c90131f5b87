import type { ReactNode } from "react";

type Tone = "error" | "warning" | "success";

const TONES: Record<Tone, string> = {
  error: "border-red-300 bg-red-50 text-red-800",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  success: "border-emerald-300 bg-emerald-50 text-emerald-800",
};

/** Errors use role="alert" so screen readers (and tests) hear them at once; the rest are polite. */
export function Alert({ tone, children, testId }: Readonly<{ tone: Tone; children: ReactNode; testId?: string }>) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={`rounded-md border px-3 py-2 text-sm ${TONES[tone]}`}
    >
      {children}
    </div>
  );
}
