// Words so common in the stored search text that a trigram index gains nothing from them: every
// description a shop writes may start "電話注文", every address ends "example.jp". pg_trgm's GIN
// index reads the whole posting list of each trigram in the query, and a trigram that is in every
// row is a list of a million entries: a description search for "電話注文 #424242" read ~900 index
// pages (15 ms at 1M charges) where "#424242" alone reads ~80 (2 ms).
//
// So the search asks the index only for the query's other parts and checks the whole query on the
// rows it finds (lib/charges/search-sql.ts): the same rows, found through rarer trigrams. Which
// words are common is learned from the merchant's own data (lib/charges/search-common-words-load.ts):
// a word in at least COMMON_SHARE of a sample of rows.

/** A word in at least this share of the sampled rows is common. */
export const COMMON_SHARE = 0.2;
/** The smallest sample worth learning from; a smaller table is searched quickly anyway. */
export const MIN_SAMPLE = 1000;
/** A part of the query the index can use has at least this many letters or digits (a trigram). */
const MIN_PIECE = 3;

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text: runs of letters and digits (how pg_trgm splits text into words, near enough). */
export const wordsOf = (text: string): string[] => text.match(WORD) ?? [];

/** The common words of a sample of search texts: those in at least COMMON_SHARE of them. */
export function commonWordsOf(texts: readonly string[]): Set<string> {
  const common = new Set<string>();
  if (texts.length < MIN_SAMPLE) return common;
  const rows = new Map<string, number>();
  for (const text of texts) for (const w of new Set(wordsOf(text))) rows.set(w, (rows.get(w) ?? 0) + 1);
  for (const [w, n] of rows) if (n >= COMMON_SHARE * texts.length) common.add(w);
  return common;
}

/**
 * The parts of the (normalised) query to ask the index for, or null to ask it for the whole query:
 * the query with its common words (and the parts of them, "注文" of "電話注文") taken out, each part
 * left with at least MIN_PIECE letters or digits. Every part is a substring of the query, so a row
 * that holds the query holds every part: asking for the parts never loses a row.
 */
export function indexablePieces(query: string, common: ReadonlySet<string>): string[] | null {
  if (!common.size) return null;
  const isCommon = (w: string) => common.has(w) || (w.length >= 2 && [...common].some((c) => c.includes(w)));
  const pieces: string[] = [];
  let piece = "";
  let last = 0;
  let dropped = false;
  for (const m of query.matchAll(WORD)) {
    const start = m.index ?? 0;
    if (isCommon(m[0])) {
      piece += query.slice(last, start);
      if (piece.trim()) pieces.push(piece);
      piece = "";
      dropped = true;
    } else piece += query.slice(last, start + m[0].length);
    last = start + m[0].length;
  }
  piece += query.slice(last);
  if (piece.trim()) pieces.push(piece);
  if (!dropped) return null;
  const usable = pieces.map((p) => p.trim()).filter((p) => wordsOf(p).join("").length >= MIN_PIECE);
  return usable.length ? usable : null;
}
