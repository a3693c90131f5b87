// What the charge list searches: one stored, normalised text per charge, so that ﾀﾅｶ, たなか and
// タナカ find the same row, and a trigram index can serve it later (issue 10). The migration
// 20261201100000_search_text backfills existing rows with the same rules in SQL.

/**
 * NFKC (half-width katakana and full-width ASCII to their usual forms), ASCII letters in lower
 * case, hiragana as katakana, runs of ASCII white space as one space, trimmed. The database computes the stored column with the same
 * rules ("kd_normalize_search", migration 20261201160000): only A–Z are folded, on both sides, so
 * no locale can make the two disagree (tests/counts.integration.test.ts compares them).
 */
export function normalizeSearch(value: string): string {
  return value
    .normalize("NFKC")
    .replace(/[A-Z]/g, (c) => c.toLowerCase())
    .replace(/[\u3041-\u3096\u309d\u309e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/[\t\n\v\f\r ]+/g, " ")
    .replace(/^ | $/g, "");
}

/** Digits of a query that reads as a phone number ("090-1234-5678", "０９０ １２３４"), else null. */
export function phoneDigitsOf(query: string): string | null {
  const digits = query.normalize("NFKC").replace(/[\s\-‐−ー()]/g, "");
  return /^\d+$/.test(digits) ? digits : null;
}

type Searchable = {
  id: string;
  reference: string;
  customerName: string;
  customerEmail: string;
  customerPhone: string;
  description: string | null;
};

/** The stored search column: one normalised field per line; the phone as digits. */
export function chargeSearchText(c: Searchable): string {
  return [
    normalizeSearch(c.customerName),
    normalizeSearch(c.customerEmail),
    c.customerPhone.replace(/\D/g, ""),
    normalizeSearch(c.description ?? ""),
    normalizeSearch(c.reference),
    normalizeSearch(c.id),
  ].join("\n");
}
