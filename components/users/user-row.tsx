"use client";

import type { UserDto } from "@/lib/users/manage-users";
import { ROLES, type Role } from "@/lib/auth/types";
import { toRole } from "@/components/users/to-role";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

type Props = {
  user: UserDto;
  self: boolean;
  busy: boolean;
  onRole: (role: Role) => void;
  onToggle: () => void;
  onReset: () => void;
  onReset2fa: () => void;
};

// One structure for both layouts, so every control exists once: below md the row is a card
// (name | status, email, role | action), from md up the cells are a table row again.
export function UserRow({ user: u, self, busy, onRole, onToggle, onReset, onReset2fa }: Readonly<Props>) {
  const t = useTranslations();
  const format = useFormatter();
  return (
    <tr
      data-testid="user-row"
      data-user-email={u.email}
      className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 border-b border-slate-100 p-3 md:table-row md:p-0"
    >
      <td className="col-start-1 row-start-1 min-w-0 md:px-3 md:py-2.5">
        <span id={`user-name-${u.id}`} translate="no" className="font-medium">
          {u.name}
        </span>
        {self && <span className="text-slate-500">{t("users.you")}</span>}
        <div className="text-xs text-slate-400 tabular-nums">{format.dateTime(new Date(u.createdAt), "short")}</div>
      </td>
      <td translate="no" className="col-span-2 row-start-2 min-w-0 break-all text-sm text-slate-700 md:px-3 md:py-2.5 md:text-slate-900">
        {u.email}
      </td>
      <td className="col-start-1 row-start-3 md:px-3 md:py-2.5">
        <label className="flex items-center gap-2">
          <span className="text-xs text-slate-500 md:hidden">{t("users.role")}</span>
          <select
            // Named after the person, not "role", so the add form's role field keeps a unique label.
            aria-labelledby={`user-name-${u.id}`}
            data-testid="user-role"
            value={u.role}
            disabled={self || busy}
            onChange={(e) => onRole(toRole(e.target.value))}
            className="rounded-md border border-slate-300 bg-white px-2 py-1"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </td>
      <td className="col-start-2 row-start-1 self-start justify-self-end md:px-3 md:py-2.5">
        <span
          data-testid="user-status"
          className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${u.disabled ? "bg-slate-200 text-slate-700" : "bg-emerald-100 text-emerald-800"}`}
        >
          {u.disabled ? t("users.disabled") : t("users.active")}
        </span>
      </td>
      <td className="col-start-2 row-start-3 flex flex-wrap justify-end gap-1 justify-self-end md:table-cell md:px-3 md:py-2.5">
        <Button size="sm" variant="ghost" disabled={self || busy} onClick={onReset} data-testid="user-reset" className="whitespace-nowrap">
          {t("users.resetPassword")}
        </Button>
        <Button size="sm" variant="ghost" disabled={self || busy} onClick={onReset2fa} data-testid="user-reset-2fa" className="whitespace-nowrap">
          {t("users.reset2fa")}
        </Button>
        <Button
          size="sm"
          variant={u.disabled ? "secondary" : "ghost"}
          disabled={self || busy}
          onClick={onToggle}
          data-testid="user-toggle"
          className={`whitespace-nowrap ${u.disabled ? "" : "border border-red-200 text-red-700 hover:bg-red-50"}`}
        >
          {u.disabled ? t("users.enable") : t("users.disable")}
        </Button>
      </td>
    </tr>
  );
}
