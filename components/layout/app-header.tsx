import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can, type Actor } from "@/lib/auth/types";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { PhoneNav } from "@/components/layout/phone-nav";

/** The signed-in header: used by the dashboard and by the not-found page. */
export async function AppHeader({ user }: Readonly<{ user: Actor }>) {
  const t = await getTranslations();
  const links = [
    { href: "/", label: t("nav.overview") },
    { href: "/charges", label: t("nav.charges") },
    { href: "/charges/expiring", label: t("nav.expiring") },
    { href: "/health", label: t("nav.health") },
    { href: "/outbox", label: t("nav.outbox") },
    ...(can(user, "createCharge") ? [{ href: "/charges/new", label: t("nav.new") }] : []),
    ...(can(user, "manageUsers") ? [{ href: "/users", label: t("nav.users") }] : []),
    ...(can(user, "manageSettings") ? [{ href: "/settings", label: t("nav.settings") }] : []),
    { href: "/account", label: t("nav.account") },
    { href: "/account/security", label: t("nav.security") },
    ...(can(user, "readAudit") ? [{ href: "/audit", label: t("nav.audit") }] : []),
    ...(can(user, "manageWebhooks") ? [{ href: "/webhooks", label: t("webhooks.nav") }] : []),
    ...(can(user, "readAnalytics") ? [{ href: "/analytics", label: t("analytics.nav") }] : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="font-bold text-emerald-700">
          {t("app.name")}
        </Link>
        <PhoneNav links={links} label={t("nav.menu")} />
        <nav className="hidden flex-wrap gap-4 text-sm md:flex">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="text-slate-700 hover:text-emerald-700">
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {/* The name is data (often "Admin" for the first account), the role a label: shown apart so they never read as one. */}
          <span data-testid="current-user" className="flex items-center gap-1.5 text-slate-600">
            <span translate="no">{user.name}</span>
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{t(`role.${user.role}`)}</span>
          </span>
          <LocaleSwitch />
          <SignOutButton label={t("nav.signOut")} />
        </div>
      </div>
    </header>
  );
}
