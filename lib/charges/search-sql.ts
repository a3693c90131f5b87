import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { normalizeSearch, phoneDigitsOf } from "@/lib/charges/search-text";

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The list search as an `AND …` SQL fragment (Prisma.empty when there is nothing to search):
 * a substring of the stored normalised column, which a pg_trgm GIN index serves
 * (migration 20261201160000). ﾀﾅｶ and たなか find タナカ; a phone number with or without hyphens.
 */
export function searchSql(q: string | undefined): Prisma.Sql {
  const text = q ? normalizeSearch(q) : "";
  if (!text) return Prisma.empty;
  const digits = phoneDigitsOf(text);
  const like = (s: string) => Prisma.sql`"searchText" LIKE ${`%${likeEscape(s)}%`}`;
  return digits && digits !== text ? Prisma.sql`AND (${like(text)} OR ${like(digits)})` : Prisma.sql`AND ${like(text)}`;
}
