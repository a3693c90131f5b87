"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { SavedViewDto } from "@/lib/views/saved-views";
import { fetchJson } from "@/components/api/fetch-json";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Props = { initial: SavedViewDto[]; currentQuery: string | null; canShare: boolean };

/** The user's own and the shared views of the list: each opens as its URL; save the current one; delete with a confirmation. */
export function SavedViews({ initial, currentQuery, canShare }: Readonly<Props>) {
  const t = useTranslations();
  const [views, setViews] = useState(initial);
  const [saving, setSaving] = useState<"closed" | "open" | "busy">("closed");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [deleting, setDeleting] = useState<{ view: SavedViewDto; busy: boolean } | null>(null);

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get("name") ?? "");
    setSaving("busy");
    const res = await fetchJson<SavedViewDto>("/api/views", { method: "POST", body: { name, query: currentQuery ?? "", shared: form.get("shared") === "on" } }, t("common.error"));
    if (!res.ok) {
      setSaving("open");
      setFieldErrors(res.error.fields ?? {});
      if (!res.error.fields?.name) setNotice({ tone: "error", text: res.error.message });
      return;
    }
    setViews((vs) => [...vs, res.data].sort((a, b) => Number(b.shared) - Number(a.shared) || a.name.localeCompare(b.name)));
    setSaving("closed");
    setFieldErrors({});
    setNotice({ tone: "success", text: t("views.saved.done") });
  }

  async function remove(view: SavedViewDto) {
    setDeleting({ view, busy: true });
    const res = await fetchJson<null>(`/api/views/${view.id}`, { method: "DELETE" }, t("common.error"));
    setDeleting(null);
    if (!res.ok && res.status !== 404) {
      setNotice({ tone: "error", text: res.error.message });
      return;
    }
    setViews((vs) => vs.filter((v) => v.id !== view.id));
    setNotice({ tone: "success", text: t("views.saved.deleted") });
  }

  return (
    <section aria-labelledby="saved-views-title" data-testid="saved-views" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="saved-views-title" className="text-sm font-semibold text-slate-700">
          {t("views.saved.title")}
        </h2>
        {currentQuery !== null && saving === "closed" && (
          <Button variant="secondary" size="sm" data-testid="save-view" onClick={() => { setSaving("open"); setNotice(null); }}>
            {t("views.saved.save")}
          </Button>
        )}
      </div>
      {saving !== "closed" && (
        <form onSubmit={save} data-testid="save-view-form" className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3">
          <div className="min-w-0 flex-1">
            <label htmlFor="view-name" className="block text-sm font-medium text-slate-700">
              {t("views.saved.name")}
            </label>
            <input id="view-name" name="name" required maxLength={60} autoFocus aria-invalid={fieldErrors.name ? true : undefined} aria-describedby={fieldErrors.name ? "view-name-error" : undefined}
              className={`mt-1 w-full rounded-md border bg-white px-3 py-2 text-base sm:text-sm ${fieldErrors.name ? "border-red-500 ring-1 ring-red-500" : "border-slate-300"}`} />
            {fieldErrors.name && (
              <span id="view-name-error" data-testid="error-view-name" className="mt-1 block text-sm font-medium text-red-700">
                {fieldErrors.name.join(" ")}
              </span>
            )}
          </div>
          {canShare && (
            <label className="flex items-center gap-2 py-2 text-sm">
              <input type="checkbox" name="shared" data-testid="save-view-shared" className="h-4 w-4" />
              {t("views.saved.share")}
            </label>
          )}
          <Button type="submit" disabled={saving === "busy"} data-testid="save-view-submit">
            {saving === "busy" ? t("views.saved.saving") : t("views.saved.submit")}
          </Button>
          <Button variant="ghost" disabled={saving === "busy"} onClick={() => { setSaving("closed"); setFieldErrors({}); }}>
            {t("views.saved.cancel")}
          </Button>
        </form>
      )}
      {notice && (
        <Alert tone={notice.tone} testId="saved-views-notice">
          {notice.text}
        </Alert>
      )}
      {views.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="saved-views-empty">{t("views.saved.empty")}</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {views.map((v) => {
            const current = v.query === currentQuery;
            return (
              <li key={v.id} data-testid="saved-view" data-view-id={v.id} className={`flex items-center rounded-full border text-sm ${current ? "border-emerald-600 bg-emerald-50" : "border-slate-300 bg-white"}`}>
                <Link href={`/charges?${v.query}`} aria-current={current ? "page" : undefined} data-testid="saved-view-open" className="flex items-center gap-1.5 py-1 pl-3 pr-2 hover:underline">
                  <span id={`view-name-${v.id}`} translate="no">{v.name}</span>
                  {v.shared && <span className="rounded bg-sky-100 px-1.5 text-xs text-sky-800">{t("views.saved.sharedBadge")}</span>}
                  {!v.mine && <span className="text-xs text-slate-500">{t.rich("views.saved.by", { name: v.ownerName, n: (c) => <span translate="no">{c}</span> })}</span>}
                </Link>
                {v.canEdit && (
                  <button type="button" data-testid="saved-view-delete" aria-label={t("views.saved.delete")} aria-describedby={`view-name-${v.id}`} onClick={() => setDeleting({ view: v, busy: false })}
                    className="rounded-full px-2 py-1 text-slate-500 hover:bg-red-50 hover:text-red-700">
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          testId="delete-view"
          title={t.rich("views.saved.deleteTitle", { name: deleting.view.name, n: (c) => <span translate="no">{c}</span> })}
          body={`${t("views.saved.deleteBody")}${deleting.view.shared ? ` ${t("views.saved.deleteShared")}` : ""}`}
          confirmLabel={deleting.busy ? t("views.saved.deleting") : t("views.saved.delete")}
          cancelLabel={t("views.saved.cancel")}
          busy={deleting.busy}
          onConfirm={() => void remove(deleting.view)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
