import { requirePageUser } from "@/lib/auth/session";
import { getOmiseStatus } from "@/lib/omise/get-omise-status";
import { AppHeader } from "@/components/layout/app-header";
import { OmiseBanner } from "@/components/layout/omise-banner";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Each page checks the second factor itself (the enrolment page lets a user without one in).
  const user = await requirePageUser("/", { allowWithout2fa: true });
  const omise = getOmiseStatus();
  return (
    <div className="min-h-screen">
      <AppHeader user={user} />
      {omise.paused && <OmiseBanner lastSuccessAt={omise.lastSuccessAt} />}
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
