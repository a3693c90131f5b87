import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { AppHeader } from "@/components/layout/app-header";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { NotFoundMessage } from "@/components/layout/not-found-message";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("notFound.title") };
}

// Any unknown address. Signed in: the usual header and a way back to the overview;
// signed out: the way to sign in.
export default async function NotFound() {
  const [t, user] = await Promise.all([getTranslations(), getCurrentUser()]);
  const message = (
    <NotFoundMessage
      testId="not-found"
      title={t("notFound.title")}
      body={t("notFound.body")}
      href={user ? "/" : "/login"}
      linkLabel={user ? t("notFound.home") : t("notFound.login")}
    />
  );
  if (user) {
    return (
      <div className="min-h-screen">
        <AppHeader user={user} />
        <main className="mx-auto max-w-6xl px-4 py-10">{message}</main>
      </div>
    );
  }
  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <div className="mx-auto mb-6 flex max-w-xl items-center justify-between">
        <span className="text-xl font-bold text-emerald-700">{t("app.name")}</span>
        <LocaleSwitch />
      </div>
      {message}
    </main>
  );
}
