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
} as const;
