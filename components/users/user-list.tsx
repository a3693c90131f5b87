"use client";

import { useCallback, useState } from "react";
import { useRouter } from "next/navigation";
import type { UserDto } from "@/lib/users/manage-users";
import type { Role } from "@/lib/auth/types";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/components/api/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField, inputClass } from "@/components/ui/form-field";
import { UserRow } from "@/components/users/user-row";

type Props = { users: UserDto[]; currentUserId: string };

// A person's name inside a sentence is data: kept out of translation (and the language checks).
const who = (chunks: React.ReactNode) => <span translate="no">{chunks}</span>;

// Disabling and a role change sign the person out at once and need the admin's own password
// (re-authentication); a password reset needs a reason. Enabling is not asked.
type Confirming = { kind: "disable"; user: UserDto } | { kind: "role"; user: UserDto; role: Role } | { kind: "reset"; user: UserDto } | null;

export function UserList({ users, currentUserId }: Readonly<Props>) {
  const t = useTranslations();
  const router = useRouter();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [password, setPassword] = useState("");
  const [reason, setReason] = useState("");
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [temporary, setTemporary] = useState<{ user: UserDto; password: string } | null>(null);
  // Resetting someone's second factor ends their sessions: asked first, with a reason for the audit log.
  const [resetting2fa, setResetting2fa] = useState<UserDto | null>(null);
  const [reason2fa, setReason2fa] = useState("");
  const [reset2faErrors, setReset2faErrors] = useState<string[] | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const cancelReset2fa = useCallback(() => {
    setResetting2fa(null);
    setReason2fa("");
    setReset2faErrors(undefined);
  }, []);

  async function confirmReset2fa(user: UserDto) {
    setBusyId(user.id);
    setReset2faErrors(undefined);
    const res = await fetchJson<null>(`/api/users/${user.id}/2fa/reset`, { method: "POST", body: { reason: reason2fa } }, t("common.error"));
    setBusyId(null);
    if (!res.ok) {
      if (res.error.fields?.reason) return setReset2faErrors(res.error.fields.reason);
      setError(res.error.message);
    } else {
      setNotice(t("users.reset2faDone", { name: user.name }));
    }
    cancelReset2fa();
    router.refresh();
  }

  const open = (c: Confirming) => {
    setPassword("");
    setReason("");
    setFields({});
    setError(null);
    setConfirming(c);
  };
  const cancel = useCallback(() => setConfirming(null), []);

  async function patch(id: string, body: { disabled?: boolean; role?: Role; currentPassword?: string }): Promise<boolean> {
    setBusyId(id);
    setError(null);
    const res = await fetchJson<UserDto>(`/api/users/${id}`, { method: "PATCH", body }, t("common.error"));
    setBusyId(null);
    router.refresh();
    if (res.ok) return true;
    setFields(res.error.fields ?? {});
    setError(res.error.message);
    return false;
  }

  async function confirm() {
    if (!confirming) return;
    const { user } = confirming;
    if (confirming.kind === "reset") {
      setBusyId(user.id);
      const res = await fetchJson<{ temporaryPassword: string }>(`/api/users/${user.id}/password-reset`, { method: "POST", body: { confirm: true, reason } }, t("common.error"));
      setBusyId(null);
      if (!res.ok) {
        setFields(res.error.fields ?? {});
        setError(res.error.message);
        return;
      }
      setConfirming(null);
      setTemporary({ user, password: res.data.temporaryPassword });
      return;
    }
    const body = confirming.kind === "disable" ? { disabled: true, currentPassword: password } : { role: confirming.role, currentPassword: password };
    if (await patch(user.id, body)) setConfirming(null);
  }

  const dialogError = confirming && error ? <Alert tone="error">{error}</Alert> : null;

  return (
    <div className="space-y-3">
      {!confirming && error && <Alert tone="error">{error}</Alert>}
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
                onRole={(role) => role !== u.role && open({ kind: "role", user: u, role })}
                onToggle={() => (u.disabled ? void patch(u.id, { disabled: false }) : open({ kind: "disable", user: u }))}
                onReset={() => open({ kind: "reset", user: u })}
                onReset2fa={() => {
                  setNotice(null);
                  setResetting2fa(u);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      {confirming && (
        <ConfirmDialog
          testId={`${confirming.kind}-dialog`}
          title={
            confirming.kind === "disable"
              ? t.rich("users.disableTitle", { name: confirming.user.name, who })
              : confirming.kind === "role"
                ? t.rich("users.roleTitle", { name: confirming.user.name, role: t(`role.${confirming.role}`), who })
                : t.rich("users.resetTitle", { name: confirming.user.name, who })
          }
          body={
            confirming.kind === "disable"
              ? t("users.disableBody", { email: confirming.user.email })
              : confirming.kind === "role"
                ? t("users.roleBody", { email: confirming.user.email })
                : t("users.resetBody", { email: confirming.user.email })
          }
          confirmLabel={busyId === confirming.user.id ? t("users.working") : t(confirming.kind === "disable" ? "users.disableYes" : confirming.kind === "role" ? "users.roleYes" : "users.resetYes")}
          cancelLabel={t("users.cancel")}
          busy={busyId === confirming.user.id}
          onConfirm={() => void confirm()}
          onCancel={cancel}
        >
          {dialogError}
          {confirming.kind === "reset" ? (
            <FormField id="reset-reason" label={t("users.resetReason")} errors={fields.reason}>
              {(describedBy) => (
                <input
                  id="reset-reason"
                  value={reason}
                  maxLength={500}
                  onChange={(e) => setReason(e.target.value)}
                  aria-invalid={Boolean(fields.reason)}
                  aria-describedby={describedBy}
                  className={inputClass(Boolean(fields.reason))}
                />
              )}
            </FormField>
          ) : (
            <FormField id="reauth-password" label={t("users.yourPassword")} errors={fields.currentPassword}>
              {(describedBy) => (
                <input
                  id="reauth-password"
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  aria-invalid={Boolean(fields.currentPassword)}
                  aria-describedby={describedBy}
                  className={inputClass(Boolean(fields.currentPassword))}
                />
              )}
            </FormField>
          )}
        </ConfirmDialog>
      )}
      {resetting2fa && (
        <ConfirmDialog
          testId="reset-2fa-dialog"
          title={t.rich("users.reset2faTitle", { name: resetting2fa.name, who })}
          body={t("users.reset2faBody", { email: resetting2fa.email })}
          confirmLabel={busyId === resetting2fa.id ? t("users.working") : t("users.reset2faYes")}
          cancelLabel={t("users.cancel")}
          busy={busyId === resetting2fa.id}
          onConfirm={() => void confirmReset2fa(resetting2fa)}
          onCancel={cancelReset2fa}
        >
          <FormField id="reset-2fa-reason" label={t("users.reset2faReason")} errors={reset2faErrors}>
            {(describedBy) => (
              <input
                id="reset-2fa-reason"
                value={reason2fa}
                maxLength={500}
                onChange={(e) => setReason2fa(e.target.value)}
                aria-invalid={Boolean(reset2faErrors)}
                aria-describedby={describedBy}
                className={inputClass(Boolean(reset2faErrors))}
              />
            )}
          </FormField>
        </ConfirmDialog>
      )}
      {temporary && (
        <div className="fixed inset-0 z-50 flex items-end justify-center bg-slate-900/50 p-4 sm:items-center">
          <div role="dialog" aria-modal="true" aria-labelledby="temp-password-title" data-testid="temp-password-dialog" className="w-full max-w-md space-y-3 rounded-lg bg-white p-5 shadow-xl">
            <p id="temp-password-title" className="font-semibold text-slate-900">
              {t("users.tempTitle")}: <span translate="no">{temporary.user.name}</span>
            </p>
            <p translate="no" data-testid="temp-password" className="select-all break-all rounded bg-slate-100 px-3 py-2 font-mono text-lg">
              {temporary.password}
            </p>
            <p className="text-sm text-slate-700">{t("users.tempBody")}</p>
            <div className="flex justify-end">
              <Button onClick={() => setTemporary(null)} data-testid="temp-password-done">
                {t("users.tempDone")}
              </Button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
