import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { processSingleton } from "@/lib/process-state";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-strength";

export { PASSWORD_MAX, PASSWORD_MIN };

// S2 (NIST SP 800-63B 3.1.1.2, ASVS 6.2): length only (12–128, counted in characters), no
// composition rules, and never a password found in the bundled list of common and breached
// passwords or one built from the person's own email or name.

const LIST_FILE = path.join(process.cwd(), "lib", "auth", "common-passwords.txt");

/** The bundled list (lib/auth/common-passwords.txt, ~49k entries), read once per process. */
function commonPasswords(): Set<string> {
  return processSingleton("commonPasswords", () => {
    const lines = readFileSync(LIST_FILE, "utf8").split("\n");
    return new Set(lines.map((l) => l.trim()).filter((l) => l && !l.startsWith("#")));
  });
}

/**
 * Whether a password is in the list, as typed or with digits and symbols stripped from its
 * ends ("password12345", "!!dragon2024!!"), compared in lower case.
 */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const lower = password.toLowerCase();
  if (list.has(lower)) return true;
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, "");
  return core.length >= 4 && core !== lower && list.has(core);
}

export type PasswordProblem =
  | "v.password.tooShort"
  | "v.password.tooLong"
  | "v.password.common"
  | "v.password.repetitive"
  | "v.password.personal";

/** Parts of the person's email and name a password must not contain (3+ characters each). */
function personalWords(who: { email?: string | null; name?: string | null }): string[] {
  const local = who.email?.split("@")[0]?.toLowerCase() ?? "";
  const names = (who.name ?? "").toLowerCase().split(/[\s._-]+/u);
  return [local, ...names].filter((w) => [...w].length >= 3);
}

/** What is wrong with a new password (catalog keys), or [] when it is acceptable. */
export function passwordProblems(password: string, who: { email?: string | null; name?: string | null } = {}): PasswordProblem[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return ["v.password.tooShort"];
  if (length > PASSWORD_MAX) return ["v.password.tooLong"];
  if (isCommonPassword(password)) return ["v.password.common"];
  // "aaaaaaaaaaaa", "abababababab": too few different characters to be anything but a pattern.
  if (new Set(password.toLowerCase()).size < 4) return ["v.password.repetitive"];
  const lower = password.toLowerCase();
  if (personalWords(who).some((w) => lower.includes(w))) return ["v.password.personal"];
  return [];
}

/**
 * A zod refinement for an object holding a new password under `field`, checked against the
 * person's email and name (from the object itself or given).
 */
export function refineNewPassword<T extends Record<string, unknown>>(
  field: keyof T & string,
  who: (value: T) => { email?: string | null; name?: string | null },
) {
  return (value: T, ctx: z.RefinementCtx) => {
    const pw = value[field];
    if (typeof pw !== "string") return;
    for (const message of passwordProblems(pw, who(value))) ctx.addIssue({ code: "custom", path: [field], message });
  };
}

/** A password string of a sane size for zod (the policy proper is `passwordProblems`). */
export const passwordString = (requiredKey = "v.password.tooShort") =>
  z.string({ error: requiredKey }).max(PASSWORD_MAX * 4, "v.password.tooLong");
