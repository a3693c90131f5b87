"use client";

import { signOut } from "next-auth/react";

export function SignOutButton({ label }: Readonly<{ label: string }>) {
  return (
    <button type="button" className="text-sm text-slate-600 underline" onClick={() => signOut({ callbackUrl: "/login" })}>
      {label}
    </button>
  );
}
