import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { normalizeSearch, phoneDigitsOf } from "@/lib/charges/search-text";
import { indexablePieces } from "@/lib/charges/search-common-words";
import { commonSearchWords } from "@/lib/charges/search-common-words-load";

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// Whole identifiers staff paste: a charge id or our reference, and a complete email address.
// These are looked up exactly, by the primary key, the reference's unique index and an index on
// the email with A–Z folded (migration 20261201170000): a trigram search for them matches the shared
// parts ("chrg_", "@example.jp") of every row before it narrows down.
const IDENTIFIER = /^(chrg|kd)_[A-Za-z0-9_-]{6,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The list search as an `AND …` SQL fragment (Prisma.empty when there is nothing to search):
 * a substring of the stored normalised column, which a pg_trgm GIN index serves
 * (migration 20261201160000). ﾀﾅｶ and たなか find タナカ; a phone number with or without hyphens.
 */
export function searchSql(q: string | undefined): Prisma.Sql {
  const raw = q?.trim() ?? "";
  if (IDENTIFIER.test(raw)) return Prisma.sql`AND ("id" = ${raw} OR "reference" = ${raw})`;
  const text = raw ? normalizeSearch(raw) : "";
  if (!text) return Prisma.empty;
  // Addresses are ASCII (the form validates them), so folding A–Z is the whole normalisation.
  if (EMAIL.test(text)) return Prisma.sql`AND translate("customerEmail", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = ${text}`;
  const digits = phoneDigitsOf(text);
  const like = (s: string) => Prisma.sql`"searchText" LIKE ${`%${likeEscape(s)}%`}`;
  // Words in a fifth of the rows or more (lib/charges/search-common-words.ts) only make the index
  // read long posting lists: the index is asked for the query's other parts, and the rows it
  // finds must hold the whole query (strpos: the same test as the LIKE, without the index).
  const pieces = indexablePieces(text, commonSearchWords());
  const whole = pieces ? Prisma.sql`(${Prisma.join(pieces.map(like), " AND ")} AND strpos("searchText", ${text}) > 0)` : like(text);
  return digits && digits !== text ? Prisma.sql`AND (${whole} OR ${like(digits)})` : Prisma.sql`AND ${whole}`;
}
