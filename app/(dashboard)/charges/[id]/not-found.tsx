import { getTranslations } from "next-intl/server";
import { NotFoundMessage } from "@/components/layout/not-found-message";

// An unknown charge id: inside the dashboard's layout, with the way back to the list.
export default async function ChargeNotFound() {
  const t = await getTranslations();
  return (
    <NotFoundMessage
      testId="charge-not-found"
      title={t("detail.notFound")}
      body={t("detail.notFoundHelp")}
      href="/charges"
      linkLabel={`← ${t("nav.charges")}`}
    />
  );
}
