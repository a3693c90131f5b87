import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/types";
import { getT } from "@/lib/i18n/server";
import { listUsers } from "@/lib/users/manage-users";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { UserList } from "@/components/users/user-list";
import { AddUserForm } from "@/components/users/add-user-form";

export default async function UsersPage() {
  const user = await requirePageUser("/users");
  const { locale, t } = await getT();
  if (!can(user, "manageUsers")) {
    return (
      <Alert tone="error" testId="forbidden">
        {t("err.forbidden")}
      </Alert>
    );
  }
  const users = await listUsers({ actor: user });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("users.title")}</h1>
      <UserList users={users} currentUserId={user.id} locale={locale} />
      <Card title={t("users.add")}>
        <AddUserForm locale={locale} />
      </Card>
    </div>
  );
}
