import type { ReactNode } from "react";

type Props = { title?: ReactNode; actions?: ReactNode; className?: string; children: ReactNode };

export function Card({ title, actions, className = "", children }: Readonly<Props>) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}>
      {(title || actions) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && <h2 className="text-base font-semibold text-slate-800">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}
