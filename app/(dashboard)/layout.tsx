import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { can } from "@/lib/auth/types";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { OmiseBanner } from "@/components/layout/omise-banner";
import { getOmiseStatus } from "@/lib/omise/get-omise-status";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const user = await requirePageUser("/");
  const { locale, t } = await getT();
  const omise = getOmiseStatus();
  const links = [
    { href: "/", label: t("nav.overview") },
    { href: "/charges", label: t("nav.charges") },
    { href: "/health", label: t("nav.health") },
    ...(can(user, "createCharge") ? [{ href: "/charges/new", label: t("nav.new") }] : []),
    ...(can(user, "manageUsers") ? [{ href: "/users", label: t("nav.users") }] : []),
  ];
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="font-bold text-emerald-700">
            {t("app.name")}
          </Link>
          <nav className="flex flex-wrap gap-4 text-sm">
            {links.map((l) => (
              <Link key={l.href} href={l.href} className="text-slate-700 hover:text-emerald-700">
                {l.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span data-testid="current-user" className="text-slate-600">
              {user.name} ({t(`role.${user.role}`)})
            </span>
            <LocaleSwitch locale={locale} />
            <SignOutButton label={t("nav.signOut")} />
          </div>
        </div>
      </header>
      {omise.paused && <OmiseBanner locale={locale} lastSuccessAt={omise.lastSuccessAt} />}
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
