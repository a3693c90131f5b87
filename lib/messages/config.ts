import "server-only";
import { env } from "@/lib/env";

/** What the pages need to know about mail: the merchant's name and whether mail is only captured (no SMTP_URL). */
export function messagingConfig(): { merchantName: string; captureOnly: boolean } {
  const e = env();
  return { merchantName: e.MERCHANT_NAME, captureOnly: !e.SMTP_URL };
}
