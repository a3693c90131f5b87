import "server-only";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { processSingleton } from "@/lib/process-state";
import { commonWordsOf } from "@/lib/charges/search-common-words";

/** How many of the newest charges the common words are learned from, and how long a lesson lasts. */
const SAMPLE = 5000;
const REFRESH_MS = 10 * 60_000;

const state = processSingleton("searchCommonWords", () => ({ words: new Set<string>() as ReadonlySet<string>, at: 0, loading: null as Promise<void> | null }));

/** Learn the common words now from the newest charges (the createdAt index: milliseconds at any size). */
export function refreshCommonWords(): Promise<void> {
  state.loading ??= readRows<{ searchText: string }>(Prisma.sql`SELECT "searchText" FROM "Charge" ORDER BY "createdAt" DESC LIMIT ${SAMPLE}`)
    .then((rows) => {
      state.words = commonWordsOf(rows.map((r) => r.searchText));
      state.at = Date.now();
    })
    .catch((err: unknown) => console.error("[search] could not sample the common words; searching without them", err))
    .finally(() => (state.loading = null));
  return state.loading;
}

/**
 * The common words as last learned, for a search about to be built. Never waits: a lesson older
 * than REFRESH_MS is renewed in the background, and until the first one the search asks the index
 * for the whole query (the same rows, just more index pages read).
 */
export function commonSearchWords(): ReadonlySet<string> {
  if (Date.now() - state.at > REFRESH_MS) void refreshCommonWords();
  return state.words;
}
