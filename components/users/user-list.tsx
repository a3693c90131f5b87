"use client";

import { useCallback, useState } from "react";
import { useRouter } from "next/navigation";
import type { UserDto } from "@/lib/users/manage-users";
import type { Role } from "@/lib/auth/types";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { UserRow } from "@/components/users/user-row";
import { FormField, inputClass } from "@/components/ui/form-field";

type Props = { users: UserDto[]; currentUserId: string };

export function UserList({ users, currentUserId }: Readonly<Props>) {
  const t = useTranslations();
  const router = useRouter();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Disabling signs the person out at once, so it is asked first; enabling is not.
  const [confirming, setConfirming] = useState<UserDto | null>(null);

  async function patch(id: string, body: { disabled?: boolean; role?: Role }) {
    setBusyId(id);
    setError(null);
    const res = await fetchJson<UserDto>(`/api/users/${id}`, { method: "PATCH", body }, t("common.error"));
    setBusyId(null);
    if (!res.ok) setError(res.error.message);
    router.refresh();
  }

  const cancel = useCallback(() => setConfirming(null), []);
  // Resetting someone's second factor ends their sessions: asked first, with a reason for the audit log.
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const [reason, setReason] = useState("");
  const [resetErrors, setResetErrors] = useState<string[] | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const cancelReset = useCallback(() => {
    setResetting(null);
    setReason("");
    setResetErrors(undefined);
  }, []);

  async function confirmReset(user: UserDto) {
    setBusyId(user.id);
    setResetErrors(undefined);
    const res = await fetchJson<null>(`/api/users/${user.id}/2fa/reset`, { method: "POST", body: { reason } }, t("common.error"));
    setBusyId(null);
    if (!res.ok) {
      if (res.error.fields?.reason) return setResetErrors(res.error.fields.reason);
      setError(res.error.message);
    } else {
      setNotice(t("users.resetDone", { name: user.name }));
    }
    cancelReset();
    router.refresh();
  }

  async function confirmDisable(user: UserDto) {
    await patch(user.id, { disabled: true });
    setConfirming(null);
  }

  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <div className="rounded-lg border border-slate-200 bg-white shadow-sm md:overflow-x-auto">
        <table data-testid="users-table" className="block w-full text-left text-sm md:table">
          <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-500 md:table-header-group">
            <tr>
              <th scope="col" className="px-3 py-2">{t("users.name")}</th>
              <th scope="col" className="px-3 py-2">{t("users.email")}</th>
              <th scope="col" className="px-3 py-2">{t("users.role")}</th>
              <th scope="col" className="px-3 py-2">{t("users.status")}</th>
              <th scope="col" className="px-3 py-2">{t("users.actions")}</th>
            </tr>
          </thead>
          <tbody className="block md:table-row-group">
            {users.map((u) => (
              // The API refuses changes to one's own account, so those controls are off.
              <UserRow
                key={u.id}
                user={u}
                self={u.id === currentUserId}
                busy={busyId === u.id}
                onRole={(role) => void patch(u.id, { role })}
                onToggle={() => (u.disabled ? void patch(u.id, { disabled: false }) : setConfirming(u))}
                onReset2fa={() => {
                  setNotice(null);
                  setResetting(u);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      {confirming && (
        <ConfirmDialog
          testId="disable-dialog"
          title={t("users.disableTitle", { name: confirming.name })}
          body={t("users.disableBody", { email: confirming.email })}
          confirmLabel={busyId === confirming.id ? t("users.working") : t("users.disableYes")}
          cancelLabel={t("users.cancel")}
          busy={busyId === confirming.id}
          onConfirm={() => void confirmDisable(confirming)}
          onCancel={cancel}
        />
      )}
      {resetting && (
        <ConfirmDialog
          testId="reset-2fa-dialog"
          title={t("users.resetTitle", { name: resetting.name })}
          body={t("users.resetBody", { email: resetting.email })}
          confirmLabel={busyId === resetting.id ? t("users.working") : t("users.resetYes")}
          cancelLabel={t("users.cancel")}
          busy={busyId === resetting.id}
          onConfirm={() => void confirmReset(resetting)}
          onCancel={cancelReset}
        >
          <FormField id="reset-reason" label={t("users.resetReason")} errors={resetErrors}>
            {(describedBy) => (
              <input
                id="reset-reason"
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
                aria-describedby={describedBy}
                className={inputClass(Boolean(resetErrors))}
              />
            )}
          </FormField>
        </ConfirmDialog>
      )}
    </div>
  );
}
