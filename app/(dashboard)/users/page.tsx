import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { listUsers } from "@/lib/users/manage-users";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { UserList } from "@/components/users/user-list";
import { AddUserForm } from "@/components/users/add-user-form";
import { PageMessages } from "@/components/i18n/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("users.title") };
}

export default async function UsersPage() {
  const user = await requirePageUser("/users");
  const t = await getTranslations();
  if (!can(user, "manageUsers")) {
    return (
      <PageMessages namespaces={["users"]}>
        <Alert tone="error" testId="forbidden">
          {t("err.forbidden")}
        </Alert>
      </PageMessages>
    );
  }
  const users = await listUsers({ actor: user });
  return (
    <PageMessages namespaces={["users"]}>
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">{t("users.title")}</h1>
        <UserList users={users} currentUserId={user.id} />
        <Card title={t("users.add")}>
          <AddUserForm />
        </Card>
      </div>
    </PageMessages>
  );
}
