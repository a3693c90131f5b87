import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { LoginForm } from "./login-form";
import { PageMessages } from "@/components/i18n/page-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("login.title") };
}

export default async function LoginPage({ searchParams }: Readonly<{ searchParams: Promise<{ from?: string }> }>) {
  const { from } = await searchParams;
  // Only a path on this origin: `/\evil.example` and the like fall back to "/".
  const target = safeReturnPath(from);
  if (await getCurrentUser()) redirect(target);
  const t = await getTranslations();
  return (
    <PageMessages namespaces={["login"]}>
      <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
        <div className="mb-6 flex items-center justify-between">
          <div>
            <h1 className="text-2xl font-bold text-emerald-700">{t("app.name")}</h1>
            <p className="text-sm text-slate-600">{t("app.tagline")}</p>
          </div>
          <LocaleSwitch />
        </div>
        <LoginForm target={target} />
      </main>
    </PageMessages>
  );
}
