import type { ReactNode } from "react";

type Props = {
  id: string;
  label: string;
  errors?: string[];
  hint?: ReactNode;
  children: (describedBy: string | undefined) => ReactNode;
};

/**
 * A label, the control and its messages. Errors sit outside the <label> so the
 * field's accessible name stays the label text.
 */
export function FormField({ id, label, errors, hint, children }: Readonly<Props>) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      {children(describedBy)}
      {errorId && (
        <ul id={errorId} data-testid={`error-${id}`} className="space-y-0.5 text-sm font-medium text-red-700">
          {errors?.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {hint && (
        <div id={hintId} className="text-xs text-slate-500">
          {hint}
        </div>
      )}
    </div>
  );
}

/** A field in error stays red while focused: a green focus ring would hide the very thing to fix. */
export function inputClass(invalid: boolean): string {
  return `w-full rounded-md border bg-white px-3 py-2.5 text-base focus:outline-none ${
    invalid
      ? "border-red-500 ring-1 ring-red-500 focus:border-red-500 focus:ring-2 focus:ring-red-500/40"
      : "border-slate-300 focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30"
  }`;
}
