"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { UserDto } from "@/lib/users/manage-users";
import { ROLES, type Role } from "@/lib/auth/types";
import { toRole } from "@/components/users/to-role";
import { useFormatter, useTranslations } from "next-intl";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Props = { users: UserDto[]; currentUserId: string };

export function UserList({ users, currentUserId }: Readonly<Props>) {
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function patch(id: string, body: { disabled?: boolean; role?: Role }) {
    setBusyId(id);
    setError(null);
    const res = await fetchJson<UserDto>(`/api/users/${id}`, { method: "PATCH", body }, t("common.error"));
    setBusyId(null);
    if (!res.ok) setError(res.error.message);
    router.refresh();
  }

  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table data-testid="users-table" className="w-full min-w-[40rem] text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">{t("users.name")}</th>
              <th scope="col" className="px-3 py-2">{t("users.email")}</th>
              <th scope="col" className="px-3 py-2">{t("users.role")}</th>
              <th scope="col" className="px-3 py-2">{t("users.status")}</th>
              <th scope="col" className="px-3 py-2">{t("users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              // The API refuses changes to one's own account, so those controls are off.
              const self = u.id === currentUserId;
              const busy = busyId === u.id;
              return (
                <tr key={u.id} data-testid="user-row" data-user-email={u.email} className="border-b border-slate-100">
                  <td className="px-3 py-2.5">
                    <span id={`user-name-${u.id}`} translate="no" className="font-medium">
                      {u.name}
                    </span>
                    {self && <span className="text-slate-500">{t("users.you")}</span>}
                    <div className="text-xs text-slate-400 tabular-nums">{format.dateTime(new Date(u.createdAt), "short")}</div>
                  </td>
                  <td translate="no" className="px-3 py-2.5 break-all">
                    {u.email}
                  </td>
                  <td className="px-3 py-2.5">
                    <select
                      // Named after the person, not "role", so the add form's role field keeps a unique label.
                      aria-labelledby={`user-name-${u.id}`}
                      data-testid="user-role"
                      value={u.role}
                      disabled={self || busy}
                      onChange={(e) => void patch(u.id, { role: toRole(e.target.value) })}
                      className="rounded-md border border-slate-300 bg-white px-2 py-1"
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="px-3 py-2.5">
                    <span
                      data-testid="user-status"
                      className={`rounded-full px-2 py-0.5 text-xs font-semibold ${u.disabled ? "bg-slate-200 text-slate-700" : "bg-emerald-100 text-emerald-800"}`}
                    >
                      {u.disabled ? t("users.disabled") : t("users.active")}
                    </span>
                  </td>
                  <td className="px-3 py-2.5">
                    <Button
                      size="sm"
                      variant={u.disabled ? "secondary" : "ghost"}
                      disabled={self || busy}
                      onClick={() => void patch(u.id, { disabled: !u.disabled })}
                      data-testid="user-toggle"
                      className={u.disabled ? "" : "border border-red-200 text-red-700 hover:bg-red-50"}
                    >
                      {u.disabled ? t("users.enable") : t("users.disable")}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
