import { getTranslations } from "next-intl/server";
import { NotFoundMessage } from "@/components/layout/not-found-message";

// notFound() in a dashboard page (an unknown webhook event, say): inside the dashboard's layout,
// which already shows the header, so only the message. (app/not-found.tsx, for an unknown address,
// brings its own header; used here it showed the header twice.)
export default async function DashboardNotFound() {
  const t = await getTranslations();
  return <NotFoundMessage testId="not-found" title={t("notFound.title")} body={t("notFound.body")} href="/" linkLabel={t("notFound.home")} />;
}
