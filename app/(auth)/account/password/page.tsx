import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CHANGE_PASSWORD_PATH, requirePageUser } from "@/lib/auth/session";
import { Alert } from "@/components/ui/alert";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageMessages } from "@/components/i18n/page-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("account.passwordTitle") };
}

// Outside the dashboard's layout: after an admin reset this is the only page the user reaches.
export default async function ChangePasswordPage() {
  const user = await requirePageUser(CHANGE_PASSWORD_PATH, { allowPasswordChangeRequired: true });
  const t = await getTranslations();
  return (
    <PageMessages namespaces={["account"]}>
      <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4 py-6">
        <div className="flex items-center justify-between gap-3">
          <h1 className="text-2xl font-bold text-emerald-700">{t("account.passwordTitle")}</h1>
          <LocaleSwitch />
        </div>
        <p translate="no" data-testid="password-user" className="text-sm text-slate-600">
          {user.email}
        </p>
        {user.mustChangePassword && <Alert tone="warning" testId="must-change">{t("account.mustChange")}</Alert>}
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <ChangePasswordForm next={user.mustChangePassword ? "/" : null} />
        </div>
        <div className="flex items-center justify-between text-sm">
          {user.mustChangePassword ? <span /> : (
            <Link href="/account" className="text-emerald-700 underline">
              {t("account.back")}
            </Link>
          )}
          <SignOutButton label={t("nav.signOut")} />
        </div>
      </main>
    </PageMessages>
  );
}
