import type { Messages } from "@/lib/i18n/catalog";
import type { AppFormats } from "@/lib/i18n/formats";
import type { Locale } from "@/lib/i18n/locale";

// Types next-intl checks against: t("nonexistent") or a missing ICU argument
// fails to compile, and so does an unknown format name.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
    Formats: AppFormats;
  }
}
