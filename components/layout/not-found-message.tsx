import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

type Props = { title: string; body: string; href: string; linkLabel: string; testId: string };

/** A page that is not there: what happened, and one clear way back. */
export function NotFoundMessage({ title, body, href, linkLabel, testId }: Readonly<Props>) {
  return (
    <div data-testid={testId} className="mx-auto max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="text-xl font-bold text-slate-900">{title}</h1>
      <p className="text-slate-700">{body}</p>
      <Link href={href} className={buttonClass("primary")}>
        {linkLabel}
      </Link>
    </div>
  );
}
