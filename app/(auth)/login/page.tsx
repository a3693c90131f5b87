import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: Readonly<{ searchParams: Promise<{ from?: string }> }>) {
  const { from } = await searchParams;
  const target = from?.startsWith("/") && !from.startsWith("//") ? from : "/";
  if (await getCurrentUser()) redirect(target);
  const { locale, t } = await getT();
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <div className="mb-6 flex items-center justify-between">
        <div>
          <h1 className="text-2xl font-bold text-emerald-700">{t("app.name")}</h1>
          <p className="text-sm text-slate-600">{t("app.tagline")}</p>
        </div>
        <LocaleSwitch locale={locale} />
      </div>
      <LoginForm locale={locale} target={target} />
    </main>
  );
}
