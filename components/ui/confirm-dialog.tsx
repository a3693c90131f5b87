"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

type Props = {
  title: ReactNode;
  body?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  testId: string;
  /** Extra fields between the question and the buttons, e.g. a reason. */
  children?: ReactNode;
  /** Test ids of the two buttons, when they must differ from `<testId>-cancel` / `-confirm`. */
  buttonTestIds?: { cancel: string; confirm: string };
  onConfirm: () => void;
  onCancel: () => void;
};

const FOCUSABLE = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled])";

/**
 * A modal question for an action that is hard to take back. "Cancel" has the focus so Enter
 * is the safe choice; Escape cancels; Tab stays inside; focus goes back where it came from.
 */
export function ConfirmDialog({ title, body, confirmLabel, cancelLabel, busy, testId, children, buttonTestIds, onConfirm, onCancel }: Readonly<Props>) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => opener?.focus();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !busy) onCancel();
      if (e.key !== "Tab" || !dialogRef.current) return;
      const items = [...dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = items[0];
      const last = items.at(-1);
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [busy, onCancel]);

  return (
    <div className="fixed inset-0 z-50 flex items-end justify-center bg-slate-900/50 p-4 sm:items-center">
      <div
        ref={dialogRef}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${testId}-title`}
        aria-describedby={body ? `${testId}-body` : undefined}
        data-testid={testId}
        className="w-full max-w-md space-y-3 rounded-lg bg-white p-5 shadow-xl"
      >
        <p id={`${testId}-title`} className="font-semibold text-slate-900">
          {title}
        </p>
        {body && (
          <p id={`${testId}-body`} className="text-sm text-slate-700">
            {body}
          </p>
        )}
        {children}
        <div className="flex flex-wrap justify-end gap-2 pt-1">
          <Button ref={cancelRef} variant="secondary" disabled={busy} onClick={onCancel} data-testid={buttonTestIds?.cancel ?? `${testId}-cancel`}>
            {cancelLabel}
          </Button>
          <Button variant="danger" disabled={busy} onClick={onConfirm} data-testid={buttonTestIds?.confirm ?? `${testId}-confirm`}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </div>
  );
}
