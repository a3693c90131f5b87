import type { ChargeDto } from "@/lib/charges/dto";
import type { Locale } from "@/lib/i18n/locale";
import { translatorFor } from "@/lib/i18n/translate-key";

/**
 * The SMS/email text for the customer in one language, whatever language the
 * staff member's screen is in: the customer's language is not the staff's.
 */
export function customerMessage(charge: Pick<ChargeDto, "customerName" | "amount" | "expiresAt" | "authorizeUri">, language: Locale): string {
  const t = translatorFor(language);
  return t("readout.message", {
    name: charge.customerName,
    amount: t("format.yen", { amount: charge.amount }),
    deadline: charge.expiresAt ? t("format.jst", { at: new Date(charge.expiresAt) }) : "—",
    link: charge.authorizeUri ?? "",
  });
}
