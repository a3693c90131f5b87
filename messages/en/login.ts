import type { Catalog } from "@/messages/ja";

// English messages under "login." (see messages/en.ts).
export const login = {
  code: "Verification code",
  codeHelp: "Enter the 6-digit code your authenticator app shows.",
  recoveryHint: "No phone at hand? Enter one of your saved recovery codes instead.",
  codeInvalid: "That code is wrong or was already used. Enter a new code.",
  codeThrottled: "Too many wrong codes in a row. Wait about 15 minutes, then try again.",
  verify: "Verify",
  usePasskey: "Use a passkey",
  passkeyFailed: "The passkey could not confirm it is you. Try again, or enter a code.",
  startOver: "Sign in with a different account",
  title: "Sign in",
  email: "Email",
  password: "Password",
  submit: "Sign in",
  submitting: "Checking…",
  failed: "The email or password is wrong.",
  accountDisabled: "This account has been disabled. Please contact an administrator.",
  throttled: "Too many attempts. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
} satisfies Catalog["login"];
