export const ROLES = ["admin", "staff", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as the domain layer sees them. */
export type Actor = { id: string; email: string; name: string; role: Role };

/** Who may do what. Viewers read; staff and admins create and expire. */
export const CAN = {
  createCharge: ["admin", "staff"],
  expireCharge: ["admin", "staff"],
  reissueCharge: ["admin", "staff"],
  sendMessage: ["admin", "staff"],
  syncCharge: ["admin", "staff", "viewer"],
  manageUsers: ["admin"],
  manageSettings: ["admin"],
  setChargeReminders: ["admin", "staff"],
  readAudit: ["admin"],
  // Refunds by bank transfer (lib/refunds): staff record and cancel a request; an admin, who
  // sends the money, sees the full bank details (audited) and marks it transferred.
  createRefund: ["admin", "staff"],
  cancelRefund: ["admin", "staff"],
  transferRefund: ["admin"],
  revealRefund: ["admin"],
  // The webhook log (/webhooks): payloads carry customer data, and replays call Omise.
  manageWebhooks: ["admin"],
  // Saved views of the charge list (lib/views/saved-views.ts): everyone who reads the list saves
  // their own, viewers included; only admins share a view with everyone.
  saveView: ["admin", "staff", "viewer"],
  shareView: ["admin"],
  // Konbini analytics (per staff member too): the owner's view.
  readAnalytics: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export function can(actor: Pick<Actor, "role">, action: keyof typeof CAN): boolean {
  return (CAN[action] as readonly Role[]).includes(actor.role);
}

/**
 * Codes `authorize` throws, which next-auth hands back to `signIn()` as `error`. Only ever
 * thrown after the password matched, so they never tell a stranger anything about an account.
 */
export const SIGN_IN_ERROR = {
  accountDisabled: "account_disabled",
  // Two-factor sign-in (lib/auth/two-factor.ts): the password was right and a second factor is due.
  codeRequired: "code_required",
  codeInvalid: "code_invalid",
  codeThrottled: "code_throttled",
  // Too many attempts (lib/auth/throttle.ts); carries the wait, see throttledSignInError.
  throttled: "throttled",
} as const;

/**
 * Too many attempts (lib/auth/throttle.ts): `throttled:<seconds>`, the one error that may come
 * before the password is checked. It says nothing about the account (unknown emails are
 * throttled alike) and carries the wait, since next-auth hands the form only `error`.
 */
export const throttledSignInError = (retryAfterSeconds: number) => `${SIGN_IN_ERROR.throttled}:${Math.max(1, Math.ceil(retryAfterSeconds))}`;

/** The wait in a `throttled:<seconds>` error, or null for any other error. */
export function throttledRetryAfter(error: string | null | undefined): number | null {
  const m = /^throttled:(\d{1,6})$/.exec(error ?? "");
  return m ? Number(m[1]) : null;
}
