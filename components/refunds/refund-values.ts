import { createRefundSchema } from "@/lib/refunds/validation";

/** Message keys by field for what is typed so far; the amount also checked against what is left. */
export function issuesByField(input: { amount: number } & Record<string, unknown>, max: number): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const parsed = createRefundSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) (out[String(issue.path[0] ?? "_")] ??= []).push(issue.message);
  }
  if (!out.amount && input.amount > max) out.amount = ["refunds.v.tooMuch"];
  return out;
}
