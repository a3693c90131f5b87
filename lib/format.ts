// Not for display: everything shown goes through next-intl (messages/*.ts, lib/i18n/formats.ts).
// This is the JST calendar day used as a grouping key (the overview's daily chart)
// and as the value of the deadline field's quick picks.

import { JST_OFFSET_MS } from "@/lib/time/jst";

/** "YYYY-MM-DD" of the JST calendar day. */
export function jstDateKey(value: Date | string): string {
  return new Date(new Date(value).getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

// Japanese phone grouping, only where the split is certain from the number alone: landline area
// codes run from 2 to 5 digits and a longer code can share a shorter one's first digits (022 and
// 0225), so any other landline is shown as its digits rather than grouped wrongly.
const PHONE_GROUPS: Array<[RegExp, number[]]> = [
  [/^0800\d{7}$/, [4, 3, 4]], // toll-free (before 080, which it starts with)
  [/^0[25789]0\d{8}$/, [3, 4, 4]], // 070/080/090 mobile, 050 IP phone, 020
  [/^0(120|570)\d{6}$/, [4, 3, 3]], // toll-free, navi dial
  [/^0[36]\d{8}$/, [2, 4, 4]], // Tokyo 03, Osaka 06: no longer code begins with either
  [/^0(45|52)[2-9]\d{6}$/, [3, 3, 4]], // Yokohama 045, Nagoya 052 (a local number starts 2-9)
];

/** "08010001004" → "080-1000-1004"; digits it cannot group with certainty, or anything else, unchanged. */
export function formatPhone(value: string): string {
  const groups = PHONE_GROUPS.find(([re]) => re.test(value))?.[1];
  if (!groups) return value;
  let at = 0;
  return groups.map((n) => value.slice(at, (at += n))).join("-");
}

/**
 * "12345678901" → "1234 5678 901": groups of four are easier to read out on the phone and to
 * repeat back. Anything that is not all digits is left as Omise gave it.
 */
export function groupPaymentCode(code: string): string {
  if (!/^\d+$/.test(code)) return code;
  return code.replace(/(\d{4})(?=\d)/g, "$1 ");
}
