import type { ChargeDto } from "@/lib/charges/dto";
import { formatJst, formatYen } from "@/lib/format";
import { translate, type Locale } from "@/lib/i18n/messages";

/**
 * The SMS/email text for the customer in one language, whatever language the
 * staff member's screen is in: the customer's language is not the staff's.
 */
export function customerMessage(charge: Pick<ChargeDto, "customerName" | "amount" | "expiresAt" | "authorizeUri">, language: Locale): string {
  return translate(language, "readout.message", {
    name: charge.customerName,
    amount: formatYen(charge.amount),
    deadline: charge.expiresAt ? formatJst(charge.expiresAt, language) : "—",
    link: charge.authorizeUri ?? "",
  });
}
