"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

type NavLink = { href: string; label: string };

/**
 * The header's links on a phone: one "Menu" button that opens them as a list, instead of a
 * header that wraps to four lines. A <details> needs no script to open; keyed by the path, it
 * closes again once a link has been followed.
 */
export function PhoneNav({ links, label }: Readonly<{ links: NavLink[]; label: string }>) {
  const pathname = usePathname();
  return (
    <details key={pathname} className="group relative md:hidden" data-testid="phone-nav">
      <summary className="cursor-pointer list-none rounded border border-slate-300 px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100" data-testid="phone-nav-toggle">
        {label}
      </summary>
      <nav className="absolute left-0 z-20 mt-2 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        <ul>
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href} aria-current={pathname === l.href ? "page" : undefined} className="block px-4 py-3 text-base text-slate-800 hover:bg-slate-50 aria-[current=page]:font-semibold aria-[current=page]:text-emerald-700">
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </details>
  );
}
