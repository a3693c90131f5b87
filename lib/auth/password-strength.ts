// Shared by the server's policy and the browser's strength meter (no server imports here).
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export type Strength = { bits: number; level: 0 | 1 | 2 | 3 | 4 };

/**
 * A rough estimate, honestly labelled as such in the meter: log2(pool^length) from the kinds of
 * characters used, lowered for repeats and runs. It cannot see dictionary words (the server's
 * list check does), so it is a guide while typing, never the rule.
 */
export function estimateStrength(password: string): Strength {
  const chars = [...password];
  if (chars.length === 0) return { bits: 0, level: 0 };
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/\d/.test(password)) pool += 10;
  if (/[^\da-zA-Z]/.test(password)) pool += 33;
  // A repeat of the previous character, or the next one in sequence ("abc", "123"), adds ~1 bit.
  let effective = 0;
  for (let i = 0; i < chars.length; i++) {
    const prev = i > 0 ? (chars[i - 1]?.codePointAt(0) ?? -10) : -10;
    const cur = chars[i]?.codePointAt(0) ?? 0;
    effective += Math.abs(cur - prev) <= 1 ? 0.15 : 1;
  }
  const bits = Math.round(effective * Math.log2(Math.max(pool, 10)));
  const level = chars.length < PASSWORD_MIN ? 0 : bits < 50 ? 1 : bits < 65 ? 2 : bits < 80 ? 3 : 4;
  return { bits, level };
}
